<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>History</name>
    <message numerus="yes">
        <source>, %Ln unknown (may have arrived; not sent again unless you ask)</source>
        <translation>
            <numerusform>, %Ln unknown (may have arrived; not sent again unless you ask)</numerusform>
            <numerusform>, %Ln unknown (may have arrived; not sent again unless you ask)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message numerus="yes">
        <source>%Ln message(s) of {name} were never sent. Discarding closes the campaign and they will never be sent. The results so far stay here.</source>
        <translation>
            <numerusform>%Ln message of {name} were never sent. Discarding closes the campaign and they will never be sent. The results so far stay here.</numerusform>
            <numerusform>%Ln messages of {name} were never sent. Discarding closes the campaign and they will never be sent. The results so far stay here.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Interrupted campaigns still waiting in History: %n.</source>
        <translation>
            <numerusform>Interrupted campaigns still waiting in History: %n.</numerusform>
            <numerusform>Interrupted campaigns still waiting in History: %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessagePage</name>
    <message numerus="yes">
        <source>%Ln character(s)</source>
        <translation>
            <numerusform>%Ln character</numerusform>
            <numerusform>%Ln characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln SMS</source>
        <translation>
            <numerusform>%Ln SMS</numerusform>
            <numerusform>%Ln SMS</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Counting SMS for all %Ln recipient(s)…</source>
        <translation>
            <numerusform>Counting SMS for all %Ln recipient…</numerusform>
            <numerusform>Counting SMS for all %Ln recipients…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>For all %Ln recipient(s):</source>
        <translation>
            <numerusform>For all %Ln recipient:</numerusform>
            <numerusform>For all %Ln recipients:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln SMS in total</source>
        <translation>
            <numerusform>%Ln SMS in total</numerusform>
            <numerusform>%Ln SMS in total</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln message(s) in Unicode</source>
        <translation>
            <numerusform>; %Ln message in Unicode</numerusform>
            <numerusform>; %Ln messages in Unicode</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReadingNotice</name>
    <message numerus="yes">
        <source>%Ln formula cell(s) with no saved value (the file was saved by a program that does not calculate)</source>
        <translation>
            <numerusform>%Ln formula cell with no saved value (the file was saved by a program that does not calculate)</numerusform>
            <numerusform>%Ln formula cells with no saved value (the file was saved by a program that does not calculate)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecipientsPage</name>
    <message numerus="yes">
        <source>What was read — first {shown} of %Ln row(s)</source>
        <translation>
            <numerusform>What was read — first {shown} of %Ln row</numerusform>
            <numerusform>What was read — first {shown} of %Ln rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>%Ln rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln column(s)</source>
        <translation>
            <numerusform>%Ln column</numerusform>
            <numerusform>%Ln columns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) ready.</source>
        <translation>
            <numerusform>%Ln recipient ready.</numerusform>
            <numerusform>%Ln recipients ready.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message numerus="yes">
        <source>%n message(s) failed: the provider refused them or could not be reached. Sending again texts those people again; check the errors first (a wrong number fails again).</source>
        <translation>
            <numerusform>%n message failed: the provider refused them or could not be reached. Sending again texts those people again; check the errors first (a wrong number fails again).</numerusform>
            <numerusform>%n messages failed: the provider refused them or could not be reached. Sending again texts those people again; check the errors first (a wrong number fails again).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) may already have reached the phone: the provider&apos;s answer was lost (timeout, connection dropped, crash). Sending again may text those people twice.

Check the provider&apos;s own log first if you can.</source>
        <translation>
            <numerusform>%Ln message may already have reached the phone: the provider&apos;s answer was lost (timeout, connection dropped, crash). Sending again may text those people twice.

Check the provider&apos;s own log first if you can.</numerusform>
            <numerusform>%Ln messages may already have reached the phone: the provider&apos;s answer was lost (timeout, connection dropped, crash). Sending again may text those people twice.

Check the provider&apos;s own log first if you can.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message numerus="yes">
        <source>%n recipient(s) have no value for {placeholder}.</source>
        <translation>
            <numerusform>%n recipient have no value for {placeholder}.</numerusform>
            <numerusform>%n recipients have no value for {placeholder}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln SMS × {price} per SMS</source>
        <translation>
            <numerusform>%Ln SMS × {price} per SMS</numerusform>
            <numerusform>%Ln SMS × {price} per SMS</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s) to the provider, within its speed limits and your cap</source>
        <translation>
            <numerusform>%Ln request to the provider, within its speed limits and your cap</numerusform>
            <numerusform>%Ln requests to the provider, within its speed limits and your cap</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) of the file will be skipped (see Recipients)</source>
        <translation>
            <numerusform>%Ln row of the file will be skipped (see Recipients)</numerusform>
            <numerusform>%Ln rows of the file will be skipped (see Recipients)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) in Unicode (70 characters per SMS)</source>
        <translation>
            <numerusform>%Ln message in Unicode (70 characters per SMS)</numerusform>
            <numerusform>%Ln messages in Unicode (70 characters per SMS)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the longest message is %n SMS</source>
        <translation>
            <numerusform>the longest message is %n SMS</numerusform>
            <numerusform>the longest message is %n SMS</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Schedule for %Ln recipient(s)…</source>
        <translation>
            <numerusform>Schedule for %Ln recipient…</numerusform>
            <numerusform>Schedule for %Ln recipients…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send anyway to %Ln recipient(s)…</source>
        <translation>
            <numerusform>Send anyway to %Ln recipient…</numerusform>
            <numerusform>Send anyway to %Ln recipients…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send to %Ln recipient(s)…</source>
        <translation>
            <numerusform>Send to %Ln recipient…</numerusform>
            <numerusform>Send to %Ln recipients…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send %Ln message(s)</source>
        <translation>
            <numerusform>Send %Ln message</numerusform>
            <numerusform>Send %Ln messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln SMS in total) through {account}?</source>
        <translation>
            <numerusform>(%Ln SMS in total) through {account}?</numerusform>
            <numerusform>(%Ln SMS in total) through {account}?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Schedule %Ln message(s)</source>
        <translation>
            <numerusform>Schedule %Ln message</numerusform>
            <numerusform>Schedule %Ln messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) of campaign {id} already went to these recipients.</source>
        <translation>
            <numerusform>%n message of campaign {id} already went to these recipients.</numerusform>
            <numerusform>%n messages of campaign {id} already went to these recipients.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message numerus="yes">
        <source>%Ln number(s) on the list.</source>
        <translation>
            <numerusform>%Ln number on the list.</numerusform>
            <numerusform>%Ln numbers on the list.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln number(s) removed.</source>
        <translation>
            <numerusform>%Ln number removed.</numerusform>
            <numerusform>%Ln numbers removed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{file}: %Ln number(s) added</source>
        <translation>
            <numerusform>{file}: %Ln number added</numerusform>
            <numerusform>{file}: %Ln numbers added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln already on the list</source>
        <translation>
            <numerusform>, %Ln already on the list</numerusform>
            <numerusform>, %Ln already on the list</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln row(s) skipped (e.g. row {row}: {value}, {reason})</source>
        <translation>
            <numerusform>; %Ln row skipped (e.g. row {row}: {value}, {reason})</numerusform>
            <numerusform>; %Ln rows skipped (e.g. row {row}: {value}, {reason})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln number(s) saved to {file}.</source>
        <translation>
            <numerusform>%Ln number saved to {file}.</numerusform>
            <numerusform>%Ln numbers saved to {file}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Answer</name>
    <message numerus="yes">
        <source>Cancelled: %Ln message(s) of {name} will not be sent.</source>
        <translation>
            <numerusform>Cancelled: %Ln message of {name} will not be sent.</numerusform>
            <numerusform>Cancelled: %Ln messages of {name} will not be sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) were cancelled; the others will be sent.</source>
        <translation>
            <numerusform>%Ln message was cancelled; the others will be sent.</numerusform>
            <numerusform>%Ln messages were cancelled; the others will be sent.</numerusform>
        </translation>
    </message>
</context>
</TS>
