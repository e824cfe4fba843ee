<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv">
<context>
    <name>AccountsDialog</name>
    <message>
        <source>No password store could be opened ({error}). Keys cannot be saved.</source>
        <translation>Inget lösenordsvalv kunde öppnas ({error}). Nycklar kan inte sparas.</translation>
    </message>
    <message>
        <source>Keys are kept in your system&apos;s password store ({store}), never in SMSDesk&apos;s files.</source>
        <translation>Nycklar sparas i systemets lösenordsvalv ({store}), aldrig i SMSDesks egna filer.</translation>
    </message>
    <message>
        <source>No secure password store was found ({store}), so SMSDesk will not save keys.</source>
        <translation>Inget säkert lösenordsvalv hittades ({store}), så SMSDesk sparar inga nycklar.</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konton</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>Lägg till konto</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <source>e.g. CPSMS shop</source>
        <translation>t.ex. iP.1 butik</translation>
    </message>
    <message>
        <source>Your shop name or number</source>
        <translation>Butikens namn eller nummer</translation>
    </message>
    <message>
        <source>What one SMS part costs you; used for the estimate before sending</source>
        <translation>Vad ett SMS kostar dig; används för uppskattningen innan du skickar</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> per minut</translation>
    </message>
    <message>
        <source>Your own cap on messages per minute, on top of the provider&apos;s documented limit</source>
        <translation>Din egen gräns för meddelanden per minut, utöver leverantörens egen gräns</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API-nyckel:</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Användarnamn:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Namn:</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Leverantör:</translation>
    </message>
    <message>
        <source>Sender:</source>
        <translation>Avsändare:</translation>
    </message>
    <message>
        <source>Web address:</source>
        <translation>Webbadress:</translation>
    </message>
    <message>
        <source>Price per SMS:</source>
        <translation>Pris per SMS:</translation>
    </message>
    <message>
        <source>Speed cap:</source>
        <translation>Hastighetsgräns:</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Testa anslutningen</translation>
    </message>
    <message>
        <source>Ask the provider whether it takes these settings, where it can without sending an SMS</source>
        <translation>Fråga leverantören om den godtar inställningarna, där det går utan att skicka ett SMS</translation>
    </message>
    <message>
        <source>{0} cannot be asked without sending an SMS, so the key is not checked here. Send a test SMS to your own number on the Review page to be sure.</source>
        <translation>{0} går inte att fråga utan att skicka ett SMS, så nyckeln kontrolleras inte här. Skicka ett test-SMS till ditt eget nummer under Granska och skicka för att vara säker.</translation>
    </message>
    <message>
        <source>Connected. {0}</source>
        <translation>Ansluten. {0}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>{account}  (default)</source>
        <translation>{account}  (standard)</translation>
    </message>
    <message>
        <source>saved in the password store — type to replace</source>
        <translation>sparad i lösenordsvalvet — skriv för att ersätta</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Nytt konto</translation>
    </message>
    <message>
        <source>not needed: the sandbox sends nothing for real</source>
        <translation>behövs inte: sandlådan skickar inget på riktigt</translation>
    </message>
    <message>
        <source>your {secret}</source>
        <translation>din {secret}</translation>
    </message>
    <message>
        <source>the built-in sandbox</source>
        <translation>den inbyggda sandlådan</translation>
    </message>
    <message>
        <source>{url} (leave empty)</source>
        <translation>{url} (lämna tomt)</translation>
    </message>
    <message>
        <source>Sender: {rule}</source>
        <translation>Avsändare: {rule}</translation>
    </message>
    <message>
        <source>Give the account a name.</source>
        <translation>Ge kontot ett namn.</translation>
    </message>
    <message>
        <source>There is already an account called {name}.</source>
        <translation>Det finns redan ett konto som heter {name}.</translation>
    </message>
    <message>
        <source>Type the key the provider gave you.</source>
        <translation>Skriv in nyckeln du fick av leverantören.</translation>
    </message>
    <message>
        <source>There is no secure password store on this computer, so the key cannot be saved.</source>
        <translation>Det finns inget säkert lösenordsvalv på den här datorn, så nyckeln kan inte sparas.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Sparat.</translation>
    </message>
    <message>
        <source>Remove account?</source>
        <translation>Ta bort kontot?</translation>
    </message>
    <message>
        <source>Remove {name} and its saved key? Campaigns sent with it stay in History.</source>
        <translation>Ta bort {name} och den sparade nyckeln? Utskick som gjorts med kontot finns kvar i Historik.</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Ta bort konto</translation>
    </message>
    <message>
        <source>Asking the provider…</source>
        <translation>Frågar leverantören…</translation>
    </message>
    <message>
        <source>Could not connect: {reason}</source>
        <translation>Kunde inte ansluta: {reason}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Something went wrong</source>
        <translation>Något gick fel</translation>
    </message>
    <message>
        <source>SMSDesk hit an unexpected error ({error}).

Nothing already sent or saved is lost: the send journal keeps every message&apos;s state. If this happens again, please report it.</source>
        <translation>SMSDesk råkade ut för ett oväntat fel ({error}).

Inget som redan skickats eller sparats har gått förlorat: utskicksloggen håller reda på varje meddelandes status. Om det händer igen får du gärna rapportera det.</translation>
    </message>
    <message>
        <source>SMSDesk cannot start</source>
        <translation>SMSDesk kan inte starta</translation>
    </message>
</context>
<context>
    <name>Draft</name>
    <message>
        <source>The message is empty.</source>
        <translation>Meddelandet är tomt.</translation>
    </message>
</context>
<context>
    <name>DropArea</name>
    <message>
        <source>Open file…</source>
        <translation>Öppna fil…</translation>
    </message>
    <message>
        <source>Choose the file with your recipients (Ctrl+O)</source>
        <translation>Välj filen med dina mottagare (Ctrl+O)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Drop another file here&lt;/b&gt; to replace this one.</source>
        <translation>&lt;b&gt;Släpp en annan fil här&lt;/b&gt; för att byta ut den här.</translation>
    </message>
    <message>
        <source>Open another file…</source>
        <translation>Öppna en annan fil…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Drop a spreadsheet or CSV file here&lt;/b&gt;&lt;br&gt;&lt;span&gt;Excel (.xlsx, .xls), OpenDocument (.ods), CSV or text. Each row is one recipient; one column holds the phone numbers.&lt;/span&gt;</source>
        <translation>&lt;b&gt;Släpp ett kalkylark eller en CSV-fil här&lt;/b&gt;&lt;br&gt;&lt;span&gt;Excel (.xlsx, .xls), OpenDocument (.ods), CSV eller text. Varje rad är en mottagare; en kolumn innehåller telefonnumren.&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>{amount} credits</source>
        <translation>{amount} krediter</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} min {seconds} s</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} tim {minutes} min</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>{name} ({when}, {account}): {sent} of {total} sent, {waiting} waiting</source>
        <translation>{name} ({when}, {account}): {sent} av {total} skickade, {waiting} väntar</translation>
    </message>
    <message numerus="yes">
        <source>, %Ln unknown (may have arrived; not sent again unless you ask)</source>
        <translation>
            <numerusform>, %Ln okänt (kan ha kommit fram; skickas inte igen om du inte ber om det)</numerusform>
            <numerusform>, %Ln okända (kan ha kommit fram; skickas inte igen om du inte ber om det)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Utskick</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Mottagare</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Skickade</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Misslyckade</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Okända</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Väntar</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kostnad</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öppna</translation>
    </message>
    <message>
        <source>See every message of this campaign (double-click)</source>
        <translation>Se alla meddelanden i det här utskicket (dubbelklicka)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Återuppta</translation>
    </message>
    <message>
        <source>Send the messages that were never sent (never the sent or unknown ones)</source>
        <translation>Skicka meddelandena som aldrig skickades (aldrig de skickade eller okända)</translation>
    </message>
    <message>
        <source>Discard the rest…</source>
        <translation>Stryk resten…</translation>
    </message>
    <message>
        <source>Close the campaign: messages not sent yet will never be sent</source>
        <translation>Avsluta utskicket: meddelanden som inte skickats än skickas aldrig</translation>
    </message>
    <message>
        <source>Cancel scheduled send…</source>
        <translation>Avbryt schemalagt utskick…</translation>
    </message>
    <message>
        <source>A campaign waiting for its time: it will not be sent (provider-scheduled ones: open them)</source>
        <translation>Ett utskick som väntar på sin tid: det skickas inte (schemalagda hos leverantören: öppna dem)</translation>
    </message>
    <message>
        <source>No campaigns yet. Every send appears here with its totals, and can be opened again.</source>
        <translation>Inga utskick än. Varje utskick visas här med sina siffror och kan öppnas igen.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historik</translation>
    </message>
    <message>
        <source>Discard the rest?</source>
        <translation>Stryk resten?</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) of {name} were never sent. Discarding closes the campaign and they will never be sent. The results so far stay here.</source>
        <translation>
            <numerusform>%Ln meddelande i {name} skickades aldrig. Stryker du resten avslutas utskicket och det skickas aldrig. Resultaten hittills finns kvar här.</numerusform>
            <numerusform>%Ln meddelanden i {name} skickades aldrig. Stryker du resten avslutas utskicket och de skickas aldrig. Resultaten hittills finns kvar här.</numerusform>
        </translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Stryk</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>Unexpected error ({error}). Nothing was lost; please report this.</source>
        <translation>Oväntat fel ({error}). Inget har gått förlorat; rapportera gärna felet.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>1  Recipients</source>
        <translation>1  Mottagare</translation>
    </message>
    <message>
        <source>2  Message</source>
        <translation>2  Meddelande</translation>
    </message>
    <message>
        <source>3  Review &amp; send</source>
        <translation>3  Granska och skicka</translation>
    </message>
    <message>
        <source>4  Results</source>
        <translation>4  Resultat</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historik</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <source>Open the file with your recipients (Ctrl+1)</source>
        <translation>Öppna filen med dina mottagare (Ctrl+1)</translation>
    </message>
    <message>
        <source>Write the message, with placeholders from the file (Ctrl+2)</source>
        <translation>Skriv meddelandet med kopplingsfält från filen (Ctrl+2)</translation>
    </message>
    <message>
        <source>Check the totals, send a test, then send (Ctrl+3)</source>
        <translation>Kontrollera siffrorna, skicka ett test och skicka sedan (Ctrl+3)</translation>
    </message>
    <message>
        <source>Follow every message of the current send (Ctrl+4)</source>
        <translation>Följ varje meddelande i det pågående utskicket (Ctrl+4)</translation>
    </message>
    <message>
        <source>Every campaign sent so far (Ctrl+H)</source>
        <translation>Alla utskick hittills (Ctrl+H)</translation>
    </message>
    <message>
        <source>Language, default country, accounts, prices, opt-out list (Ctrl+,)</source>
        <translation>Språk, standardland, konton, priser, avregistreringslista (Ctrl+,)</translation>
    </message>
    <message>
        <source>No account chosen</source>
        <translation>Inget konto valt</translation>
    </message>
    <message>
        <source>{account} — no real SMS</source>
        <translation>{account} — inga riktiga SMS</translation>
    </message>
    <message>
        <source>Account: {account}</source>
        <translation>Konto: {account}</translation>
    </message>
    <message>
        <source>The account messages are sent through; change it in Review &amp; send</source>
        <translation>Kontot som meddelandena skickas via; byt det under Granska och skicka</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <source>&amp;Open recipients…</source>
        <translation>&amp;Öppna mottagare…</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>&amp;Exportera resultat…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avsluta</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gå till</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Skicka</translation>
    </message>
    <message>
        <source>&amp;Send…</source>
        <translation>&amp;Skicka…</translation>
    </message>
    <message>
        <source>Review the totals and send (asks before anything goes out)</source>
        <translation>Granska siffrorna och skicka (frågar innan något skickas)</translation>
    </message>
    <message>
        <source>Send a &amp;test to my number</source>
        <translation>Skicka ett &amp;test till mitt nummer</translation>
    </message>
    <message>
        <source>&amp;Pause / resume</source>
        <translation>&amp;Pausa / återuppta</translation>
    </message>
    <message>
        <source>&amp;Refresh delivery status</source>
        <translation>&amp;Uppdatera leveransstatus</translation>
    </message>
    <message>
        <source>&amp;Manage accounts…</source>
        <translation>&amp;Hantera konton…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <source>&amp;About SMSDesk</source>
        <translation>&amp;Om SMSDesk</translation>
    </message>
    <message>
        <source>About SMSDesk</source>
        <translation>Om SMSDesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;SMSDesk {version}&lt;/b&gt;&lt;br&gt;Bulk SMS from a spreadsheet, with every message followed.&lt;br&gt;&lt;br&gt;The built-in Sandbox account sends nothing for real: try everything with it first.</source>
        <translation>&lt;b&gt;SMSDesk {version}&lt;/b&gt;&lt;br&gt;Mass-SMS från ett kalkylark, där varje meddelande följs upp.&lt;br&gt;&lt;br&gt;Det inbyggda Sandbox-kontot skickar inget på riktigt: prova allt med det först.</translation>
    </message>
    <message numerus="yes">
        <source>Interrupted campaigns still waiting in History: %n.</source>
        <translation>
            <numerusform>Avbrutna utskick som fortfarande väntar i Historik: %n.</numerusform>
            <numerusform>Avbrutna utskick som fortfarande väntar i Historik: %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit with an unsent message?</source>
        <translation>Avsluta med ett meddelande som inte skickats?</translation>
    </message>
    <message>
        <source>The message you wrote has not been sent. It is kept, with the open file, and comes back the next time you start SMSDesk.</source>
        <translation>Meddelandet du skrev har inte skickats. Det sparas tillsammans med den öppna filen och kommer tillbaka nästa gång du startar SMSDesk.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Avsluta</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Stanna kvar</translation>
    </message>
    <message>
        <source>A send is running</source>
        <translation>Ett utskick pågår</translation>
    </message>
    <message>
        <source>Messages are still being sent. Stop now?

The messages not sent yet stay pending: you can resume them from History, and nobody gets a message twice.</source>
        <translation>Meddelanden skickas fortfarande. Vill du stoppa nu?

Meddelandena som inte skickats än väntar kvar: du kan återuppta dem från Historik, och ingen får ett meddelande två gånger.</translation>
    </message>
    <message>
        <source>Stop and quit</source>
        <translation>Stoppa och avsluta</translation>
    </message>
    <message>
        <source>Keep sending</source>
        <translation>Fortsätt skicka</translation>
    </message>
    <message>
        <source>Stopping the send after the request in flight…</source>
        <translation>Stoppar utskicket efter den pågående begäran…</translation>
    </message>
</context>
<context>
    <name>MessageEditor</name>
    <message>
        <source>This character makes the whole message Unicode (70 characters per SMS)</source>
        <translation>Det här tecknet gör hela meddelandet till Unicode (70 tecken per SMS)</translation>
    </message>
    <message>
        <source>Write the message here. Click a column name above to put a placeholder in the text, e.g. Hi {Name}, your table is ready.</source>
        <translation>Skriv meddelandet här. Klicka på ett kolumnnamn ovan för att lägga in ett kopplingsfält, t.ex. Hej {Namn}, ditt bord är klart.</translation>
    </message>
</context>
<context>
    <name>MessagePage</name>
    <message>
        <source>Open a file in Recipients to get its columns as placeholders.</source>
        <translation>Öppna en fil under Mottagare för att få dess kolumner som kopplingsfält.</translation>
    </message>
    <message>
        <source>Characters in the message as the previewed recipient gets it</source>
        <translation>Tecken i meddelandet så som den visade mottagaren får det</translation>
    </message>
    <message>
        <source>GSM-7 fits 160 characters in one SMS; Unicode only 70</source>
        <translation>GSM-7 rymmer 160 tecken i ett SMS; Unicode bara 70</translation>
    </message>
    <message>
        <source>How many SMS one message is billed as</source>
        <translation>Hur många SMS ett meddelande debiteras som</translation>
    </message>
    <message>
        <source>Characters left before the message needs another SMS</source>
        <translation>Tecken kvar innan meddelandet behöver ett SMS till</translation>
    </message>
    <message>
        <source>Replace with GSM look-alikes</source>
        <translation>Byt mot liknande GSM-tecken</translation>
    </message>
    <message>
        <source>Swap curly quotes, long dashes and similar for their plain GSM twins (Ctrl+Z undoes it)</source>
        <translation>Byt krulliga citattecken, långa tankstreck och liknande mot deras vanliga GSM-tvillingar (Ctrl+Z ångrar)</translation>
    </message>
    <message>
        <source>Saved messages: pick one to put it in the editor</source>
        <translation>Sparade meddelanden: välj ett för att lägga in det i fältet</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Spara…</translation>
    </message>
    <message>
        <source>Keep this message for next time</source>
        <translation>Spara meddelandet till nästa gång</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <source>Forget the chosen saved message</source>
        <translation>Glöm det valda sparade meddelandet</translation>
    </message>
    <message>
        <source>Placeholders</source>
        <translation>Kopplingsfält</translation>
    </message>
    <message>
        <source>Previous recipient (Alt+Left)</source>
        <translation>Föregående mottagare (Alt+Vänster)</translation>
    </message>
    <message>
        <source>Next recipient (Alt+Right)</source>
        <translation>Nästa mottagare (Alt+Höger)</translation>
    </message>
    <message>
        <source>←  Recipients</source>
        <translation>←  Mottagare</translation>
    </message>
    <message>
        <source>Next: review and send  →</source>
        <translation>Nästa: granska och skicka  →</translation>
    </message>
    <message>
        <source>Check the totals before anything is sent (Ctrl+3)</source>
        <translation>Kontrollera siffrorna innan något skickas (Ctrl+3)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meddelande</translation>
    </message>
    <message>
        <source>Insert the {column} column of each row here</source>
        <translation>Infoga kolumnen {column} från varje rad här</translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s)</source>
        <translation>
            <numerusform>%Ln tecken</numerusform>
            <numerusform>%Ln tecken</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln SMS</source>
        <translation>
            <numerusform>%Ln SMS</numerusform>
            <numerusform>%Ln SMS</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} left</source>
        <translation>{count} tecken kvar</translation>
    </message>
    <message>
        <source>{count} per SMS</source>
        <translation>{count} per SMS</translation>
    </message>
    <message>
        <source> and {count} more</source>
        <translation> och {count} till</translation>
    </message>
    <message>
        <source>Unicode because of {characters}: each SMS holds 70 characters instead of 160, so this message may cost more.</source>
        <translation>Unicode på grund av {characters}: varje SMS rymmer 70 tecken i stället för 160, så meddelandet kan bli dyrare.</translation>
    </message>
    <message>
        <source>None of them has a GSM look-alike; remove them to save cost.</source>
        <translation>Inget av dem har ett liknande GSM-tecken; ta bort dem för att spara pengar.</translation>
    </message>
    <message>
        <source>Replace {pairs}</source>
        <translation>Byt {pairs}</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Förhandsgranskning</translation>
    </message>
    <message>
        <source>Open a file in Recipients to preview each person&apos;s message.</source>
        <translation>Öppna en fil under Mottagare för att se varje persons meddelande.</translation>
    </message>
    <message>
        <source>Preview: recipient {number} of {count}</source>
        <translation>Förhandsgranskning: mottagare {number} av {count}</translation>
    </message>
    <message>
        <source>{number} · row {row}</source>
        <translation>{number} · rad {row}</translation>
    </message>
    <message>
        <source>no value for {placeholders}</source>
        <translation>inget värde för {placeholders}</translation>
    </message>
    <message>
        <source>Counted for the previewed recipient ({position} of {total}):</source>
        <translation>Räknat för den visade mottagaren ({position} av {total}):</translation>
    </message>
    <message numerus="yes">
        <source>Counting SMS for all %Ln recipient(s)…</source>
        <translation>
            <numerusform>Räknar SMS för %Ln mottagare…</numerusform>
            <numerusform>Räknar SMS för alla %Ln mottagare…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>For all %Ln recipient(s):</source>
        <translation>
            <numerusform>För %Ln mottagare:</numerusform>
            <numerusform>För alla %Ln mottagare:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln SMS in total</source>
        <translation>
            <numerusform>%Ln SMS totalt</numerusform>
            <numerusform>%Ln SMS totalt</numerusform>
        </translation>
    </message>
    <message>
        <source>, up to {count} per person</source>
        <translation>, upp till {count} per person</translation>
    </message>
    <message numerus="yes">
        <source>; %Ln message(s) in Unicode</source>
        <translation>
            <numerusform>; %Ln meddelande i Unicode</numerusform>
            <numerusform>; %Ln meddelanden i Unicode</numerusform>
        </translation>
    </message>
    <message>
        <source> and {0} more</source>
        <translation> och {0} till</translation>
    </message>
    <message>
        <source>Rows {0}: longer than {1} characters, the most the chosen account&apos;s provider takes.</source>
        <translation>Rader {0}: längre än {1} tecken, det mesta som leverantören för det valda kontot tar emot.</translation>
    </message>
    <message>
        <source>Choose a saved message…</source>
        <translation>Välj ett sparat meddelande…</translation>
    </message>
    <message>
        <source>No saved messages yet</source>
        <translation>Inga sparade meddelanden än</translation>
    </message>
    <message>
        <source>Replace the message in the editor?</source>
        <translation>Ersätta meddelandet i fältet?</translation>
    </message>
    <message>
        <source>The editor holds a message that is not saved. Replace it with “{name}”? (Ctrl+Z in the editor brings it back.)</source>
        <translation>Fältet innehåller ett meddelande som inte är sparat. Vill du ersätta det med “{name}”? (Ctrl+Z i fältet tar tillbaka det.)</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersätt</translation>
    </message>
    <message>
        <source>Keep my text</source>
        <translation>Behåll min text</translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>Inget att spara</translation>
    </message>
    <message>
        <source>Write a message first.</source>
        <translation>Skriv ett meddelande först.</translation>
    </message>
    <message>
        <source>Save message</source>
        <translation>Spara meddelande</translation>
    </message>
    <message>
        <source>Name for this message:</source>
        <translation>Namn på meddelandet:</translation>
    </message>
    <message>
        <source>Replace the saved message?</source>
        <translation>Ersätta det sparade meddelandet?</translation>
    </message>
    <message>
        <source>A saved message called “{name}” exists. Replace it with the text in the editor?</source>
        <translation>Det finns redan ett sparat meddelande som heter “{name}”. Vill du ersätta det med texten i fältet?</translation>
    </message>
    <message>
        <source>Keep the old one</source>
        <translation>Behåll det gamla</translation>
    </message>
    <message>
        <source>Delete the saved message?</source>
        <translation>Ta bort det sparade meddelandet?</translation>
    </message>
    <message>
        <source>Delete the saved message “{name}”? This cannot be undone.</source>
        <translation>Ta bort det sparade meddelandet “{name}”? Det går inte att ångra.</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Behåll det</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Resume interrupted sends?</source>
        <translation>Återuppta avbrutna utskick?</translation>
    </message>
    <message>
        <source>These campaigns stopped before every message went out:</source>
        <translation>De här utskicken stoppade innan alla meddelanden hade skickats:</translation>
    </message>
    <message>
        <source>Resuming sends only the messages that were never sent. Messages whose outcome is unknown are not sent again unless you ask in Results.</source>
        <translation>När du återupptar skickas bara meddelandena som aldrig skickades. Meddelanden med okänt utfall skickas inte igen om du inte ber om det under Resultat.</translation>
    </message>
    <message>
        <source>Show and resume</source>
        <translation>Visa och återuppta</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Inte nu</translation>
    </message>
</context>
<context>
    <name>ReadingNotice</name>
    <message>
        <source>a line that is not valid UTF-8 in a UTF-8 file</source>
        <translation>en rad som inte är giltig UTF-8 i en UTF-8-fil</translation>
    </message>
    <message>
        <source>read as Windows cp1252</source>
        <translation>läst som Windows cp1252</translation>
    </message>
    <message>
        <source>a quote (&quot;) is opened and never closed</source>
        <translation>ett citattecken (&quot;) öppnas och stängs aldrig</translation>
    </message>
    <message>
        <source>read this row up to the end of its line, the quote as text; the rows after it as usual</source>
        <translation>raden är läst till slutet av sin rad med citattecknet som text; raderna efter den som vanligt</translation>
    </message>
    <message>
        <source>read as empty; open the file in Excel and save it again to get the values</source>
        <translation>läst som tom; öppna filen i Excel och spara den igen för att få värdena</translation>
    </message>
    <message>
        <source>a cell of {length} characters</source>
        <translation>en cell med {length} tecken</translation>
    </message>
    <message numerus="yes">
        <source>%Ln formula cell(s) with no saved value (the file was saved by a program that does not calculate)</source>
        <translation>
            <numerusform>%Ln formelcell utan sparat värde (filen sparades av ett program som inte räknar)</numerusform>
            <numerusform>%Ln formelceller utan sparat värde (filen sparades av ett program som inte räknar)</numerusform>
        </translation>
    </message>
    <message>
        <source>cut to Excel&apos;s limit of {limit}</source>
        <translation>kortad till Excels gräns på {limit}</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>no phone number</source>
        <translation>inget telefonnummer</translation>
    </message>
    <message>
        <source>opted out (on the opt-out list)</source>
        <translation>avregistrerad (på avregistreringslistan)</translation>
    </message>
    <message>
        <source>not a phone number</source>
        <translation>inte ett telefonnummer</translation>
    </message>
    <message>
        <source>too short</source>
        <translation>för kort</translation>
    </message>
    <message>
        <source>too long</source>
        <translation>för långt</translation>
    </message>
    <message>
        <source>unknown country code</source>
        <translation>okänt landsnummer</translation>
    </message>
    <message>
        <source>a value, not a phone number</source>
        <translation>ett värde, inte ett telefonnummer</translation>
    </message>
    <message>
        <source>a date, not a phone number</source>
        <translation>ett datum, inte ett telefonnummer</translation>
    </message>
    <message>
        <source>a date and time, not a phone number</source>
        <translation>ett datum och en tid, inte ett telefonnummer</translation>
    </message>
    <message>
        <source>a time, not a phone number</source>
        <translation>en tid, inte ett telefonnummer</translation>
    </message>
    <message>
        <source>a duration, not a phone number</source>
        <translation>en varaktighet, inte ett telefonnummer</translation>
    </message>
    <message>
        <source>a TRUE/FALSE value, not a phone number</source>
        <translation>ett SANT/FALSKT-värde, inte ett telefonnummer</translation>
    </message>
    <message>
        <source>an amount, not a phone number</source>
        <translation>ett belopp, inte ett telefonnummer</translation>
    </message>
    <message>
        <source>a negative number, not a phone number</source>
        <translation>ett negativt tal, inte ett telefonnummer</translation>
    </message>
    <message>
        <source>SMSDesk stopped while this message was being sent (crash, kill or power cut): the provider may or may not have accepted it, so it is not sent again unless you ask</source>
        <translation>SMSDesk stoppade medan meddelandet skickades (krasch, avstängning eller strömavbrott): leverantören kan ha tagit emot det eller inte, så det skickas inte igen om du inte ber om det</translation>
    </message>
    <message>
        <source>Campaign {id} is not scheduled</source>
        <translation>Utskick {id} är inte schemalagt</translation>
    </message>
    <message>
        <source>Campaign {id} is no longer waiting for its time</source>
        <translation>Utskick {id} väntar inte längre på sin tid</translation>
    </message>
    <message>
        <source>Campaign {id} was due at {when}: it has been sent</source>
        <translation>Utskick {id} skulle skickas {when}: det har skickats</translation>
    </message>
    <message>
        <source>The account {account} no longer exists: add it again to cancel</source>
        <translation>Kontot {account} finns inte längre: lägg till det igen för att avbryta</translation>
    </message>
    <message>
        <source>{file}: file not found ({path})</source>
        <translation>{file}: filen finns inte ({path})</translation>
    </message>
    <message>
        <source>{file}: permission denied; is it open in another program?</source>
        <translation>{file}: åtkomst nekad; är den öppen i ett annat program?</translation>
    </message>
    <message>
        <source>{file}: is empty</source>
        <translation>{file}: är tom</translation>
    </message>
    <message>
        <source>{file}: is a folder, not a file</source>
        <translation>{file}: är en mapp, inte en fil</translation>
    </message>
    <message>
        <source>{file}: is not a text (CSV) file; it looks like binary data</source>
        <translation>{file}: är inte en textfil (CSV); den ser ut som binära data</translation>
    </message>
    <message>
        <source>duplicate of row {row}</source>
        <translation>dubblett av rad {row}</translation>
    </message>
    <message>
        <source>not valid for its country ({country})</source>
        <translation>inte giltigt i sitt land ({country})</translation>
    </message>
    <message>
        <source>damaged by Excel (scientific notation {value} lost digits)</source>
        <translation>förstört av Excel (grundpotensform {value} har tappat siffror)</translation>
    </message>
    <message>
        <source>{provider}&apos;s answer did not mention this message; it may have been accepted</source>
        <translation>{provider}s svar nämnde inte det här meddelandet; det kan ha tagits emot</translation>
    </message>
    <message>
        <source>{provider} did not accept this message</source>
        <translation>{provider} tog inte emot det här meddelandet</translation>
    </message>
    <message>
        <source>Gave up after {attempts} attempts: {reason}</source>
        <translation>Gav upp efter {attempts} försök: {reason}</translation>
    </message>
    <message>
        <source>{provider} could not be reached: {reason}</source>
        <translation>Kunde inte nå {provider}: {reason}</translation>
    </message>
    <message>
        <source>{provider} keeps asking us to slow down; try again later</source>
        <translation>{provider} ber oss hela tiden att sakta ner; försök igen senare</translation>
    </message>
    <message>
        <source>CPSMS cancels a scheduled SMS only more than 10 minutes before its time</source>
        <translation>CPSMS avbryter ett schemalagt SMS bara mer än 10 minuter före dess tid</translation>
    </message>
    <message>
        <source>iP.1 cancels a batch only before its delivery window opens</source>
        <translation>iP.1 avbryter en sändning bara innan dess leveransfönster öppnar</translation>
    </message>
    <message>
        <source>Txty v6 has no way to cancel a scheduled message: once handed over, it will be sent</source>
        <translation>Txty v6 kan inte avbryta ett schemalagt meddelande: när det väl är överlämnat skickas det</translation>
    </message>
    <message>
        <source>Sandbox (no real SMS)</source>
        <translation>Sandbox (inga riktiga SMS)</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-nyckel</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API-token</translation>
    </message>
    <message>
        <source>API key (v1: password)</source>
        <translation>API-nyckel (v1: lösenord)</translation>
    </message>
    <message>
        <source>sandbox key</source>
        <translation>sandlådenyckel</translation>
    </message>
    <message>
        <source>optional, up to 11 characters</source>
        <translation>valfri, upp till 11 tecken</translation>
    </message>
    <message>
        <source>customersms.pro does not let you choose a sender name</source>
        <translation>customersms.pro låter dig inte välja ett avsändarnamn</translation>
    </message>
    <message>
        <source>3 to 11 letters/digits (A-Z, a-z, 0-9), or a number of up to 15 digits; registered with iP.1</source>
        <translation>3 till 11 bokstäver/siffror (A-Z, a-z, 0-9) eller ett nummer på upp till 15 siffror; registrerat hos iP.1</translation>
    </message>
    <message>
        <source>up to 11 letters/digits, or up to 15 digits (optional; nothing is really sent)</source>
        <translation>upp till 11 bokstäver/siffror eller upp till 15 siffror (valfri; inget skickas på riktigt)</translation>
    </message>
    <message>
        <source>up to 11 letters/digits, or up to 15 digits (required)</source>
        <translation>upp till 11 bokstäver/siffror eller upp till 15 siffror (måste fyllas i)</translation>
    </message>
    <message>
        <source>up to 11 letters/digits, or up to 15 digits (empty: the account&apos;s default sender)</source>
        <translation>upp till 11 bokstäver/siffror eller upp till 15 siffror (tomt: kontots standardavsändare)</translation>
    </message>
    <message>
        <source>Install and unlock gnome-keyring (or another Secret Service such as KeePassXC, or KDE Wallet), then start SMSDesk again from your desktop session.</source>
        <translation>Installera och lås upp gnome-keyring (eller en annan Secret Service som KeePassXC eller KDE Wallet) och starta sedan SMSDesk igen från skrivbordet.</translation>
    </message>
    <message>
        <source>SMSDesk could not reach the macOS Keychain; make sure you are logged in to a desktop session.</source>
        <translation>SMSDesk nådde inte macOS nyckelring; se till att du är inloggad på skrivbordet.</translation>
    </message>
    <message>
        <source>SMSDesk could not reach Windows Credential Manager; make sure you are logged in to Windows.</source>
        <translation>SMSDesk nådde inte Windows Autentiseringshanteraren; se till att du är inloggad i Windows.</translation>
    </message>
</context>
<context>
    <name>RecipientsPage</name>
    <message>
        <source>Invalid number</source>
        <translation>Ogiltigt nummer</translation>
    </message>
    <message>
        <source>No number</source>
        <translation>Inget nummer</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dubblett</translation>
    </message>
    <message>
        <source>Opted out</source>
        <translation>Avregistrerad</translation>
    </message>
    <message>
        <source>Type or paste numbers…</source>
        <translation>Skriv eller klistra in nummer…</translation>
    </message>
    <message>
        <source>Send to a few numbers without a spreadsheet</source>
        <translation>Skicka till några få nummer utan ett kalkylark</translation>
    </message>
    <message>
        <source>20 12 34 56
+46 70 123 45 67
…</source>
        <translation>070 123 45 67
+45 20 12 34 56
…</translation>
    </message>
    <message>
        <source>Use these numbers</source>
        <translation>Använd de här numren</translation>
    </message>
    <message>
        <source>One number per line, or separated by commas or semicolons.</source>
        <translation>Ett nummer per rad, eller åtskilda med kommatecken eller semikolon.</translation>
    </message>
    <message>
        <source>No file yet.</source>
        <translation>Ingen fil än.</translation>
    </message>
    <message>
        <source>The sheet of the workbook to read</source>
        <translation>Bladet i arbetsboken som ska läsas</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>Blad:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Stop reading the file</source>
        <translation>Sluta läsa filen</translation>
    </message>
    <message>
        <source>The column that holds the phone numbers (detected automatically)</source>
        <translation>Kolumnen med telefonnumren (hittas automatiskt)</translation>
    </message>
    <message>
        <source>Numbers written without a country code (e.g. 20 12 34 56) are read as numbers of this country</source>
        <translation>Nummer utan landsnummer (t.ex. 070 123 45 67) läses som nummer i det här landet</translation>
    </message>
    <message>
        <source>Phone numbers in column:</source>
        <translation>Telefonnummer i kolumn:</translation>
    </message>
    <message>
        <source>Numbers without country code are in:</source>
        <translation>Nummer utan landsnummer är från:</translation>
    </message>
    <message>
        <source>will get the message</source>
        <translation>får meddelandet</translation>
    </message>
    <message>
        <source>Unique valid numbers: one message each</source>
        <translation>Unika giltiga nummer: ett meddelande var</translation>
    </message>
    <message>
        <source>duplicates</source>
        <translation>dubbletter</translation>
    </message>
    <message>
        <source>Same number as an earlier row (after normalising); skipped</source>
        <translation>Samma nummer som en tidigare rad (efter normalisering); hoppas över</translation>
    </message>
    <message>
        <source>invalid or empty</source>
        <translation>ogiltiga eller tomma</translation>
    </message>
    <message>
        <source>Not a phone number, or no number in the row; skipped</source>
        <translation>Inte ett telefonnummer, eller inget nummer på raden; hoppas över</translation>
    </message>
    <message>
        <source>opted out</source>
        <translation>avregistrerade</translation>
    </message>
    <message>
        <source>On your opt-out list (Settings); skipped</source>
        <translation>På din avregistreringslista (Inställningar); hoppas över</translation>
    </message>
    <message>
        <source>The first rows as they were read: check the columns look right</source>
        <translation>De första raderna som de lästes: kontrollera att kolumnerna ser rätt ut</translation>
    </message>
    <message>
        <source>What was read</source>
        <translation>Det här lästes</translation>
    </message>
    <message>
        <source>Filter skipped rows…</source>
        <translation>Filtrera överhoppade rader…</translation>
    </message>
    <message>
        <source>All reasons</source>
        <translation>Alla orsaker</translation>
    </message>
    <message>
        <source>Skipped rows</source>
        <translation>Överhoppade rader</translation>
    </message>
    <message>
        <source>Nothing is sent from this step. After reading the file SMSDesk shows the first rows, the column it uses for phone numbers and every row it will skip, with the row number you see in Excel.</source>
        <translation>Inget skickas från det här steget. När filen är läst visar SMSDesk de första raderna, kolumnen med telefonnummer och varje rad som hoppas över, med radnumret du ser i Excel.</translation>
    </message>
    <message>
        <source>Next: write the message  →</source>
        <translation>Nästa: skriv meddelandet  →</translation>
    </message>
    <message>
        <source>Go on to the message (Ctrl+2)</source>
        <translation>Gå vidare till meddelandet (Ctrl+2)</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Mottagare</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Rad</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Värde</translation>
    </message>
    <message>
        <source>Why it is skipped</source>
        <translation>Varför den hoppas över</translation>
    </message>
    <message>
        <source>Open recipients</source>
        <translation>Öppna mottagare</translation>
    </message>
    <message>
        <source>Spreadsheets and text files (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.ods);;All files (*)</source>
        <translation>Kalkylark och textfiler (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.ods);;Alla filer (*)</translation>
    </message>
    <message>
        <source>{file}: SMSDesk reads {kinds} files; save the list in one of those formats.</source>
        <translation>{file}: SMSDesk läser {kinds}-filer; spara listan i något av de formaten.</translation>
    </message>
    <message>
        <source>Type or paste at least one number first.</source>
        <translation>Skriv eller klistra in minst ett nummer först.</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Typed numbers</source>
        <translation>Inskrivna nummer</translation>
    </message>
    <message>
        <source>Reading &lt;b&gt;{file}&lt;/b&gt;…</source>
        <translation>Läser &lt;b&gt;{file}&lt;/b&gt;…</translation>
    </message>
    <message>
        <source>Reading was cancelled.</source>
        <translation>Läsningen avbröts.</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>Filen kunde inte läsas.</translation>
    </message>
    <message numerus="yes">
        <source>What was read — first {shown} of %Ln row(s)</source>
        <translation>
            <numerusform>Det här lästes — de första {shown} av %Ln rad</numerusform>
            <numerusform>Det här lästes — de första {shown} av %Ln rader</numerusform>
        </translation>
    </message>
    <message>
        <source>{file} has a header row but no rows of recipients under it.</source>
        <translation>{file} har en rubrikrad men inga rader med mottagare under den.</translation>
    </message>
    <message>
        <source>No column looks like phone numbers. Choose the phone column above (or check the file has a header row).</source>
        <translation>Ingen kolumn ser ut som telefonnummer. Välj telefonkolumnen ovan (eller kontrollera att filen har en rubrikrad).</translation>
    </message>
    <message>
        <source>Row {0}: {1}: {2}</source>
        <translation>Rad {0}: {1}: {2}</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>… och {0} till</translation>
    </message>
    <message>
        <source>While reading the file:</source>
        <translation>När filen lästes:</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln rad</numerusform>
            <numerusform>%Ln rader</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln column(s)</source>
        <translation>
            <numerusform>%Ln kolumn</numerusform>
            <numerusform>%Ln kolumner</numerusform>
        </translation>
    </message>
    <message>
        <source>comma</source>
        <translation>kommatecken</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>semikolon</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>tabb</translation>
    </message>
    <message>
        <source>bar</source>
        <translation>lodstreck</translation>
    </message>
    <message>
        <source>separated by {delimiter}</source>
        <translation>avgränsad med {delimiter}</translation>
    </message>
    <message>
        <source>header on row {row}</source>
        <translation>rubrik på rad {row}</translation>
    </message>
    <message>
        <source>Recipients from sheet &apos;{0}&apos; ({1} of {2})</source>
        <translation>Mottagare från bladet &apos;{0}&apos; ({1} av {2})</translation>
    </message>
    <message>
        <source>Checking the numbers…</source>
        <translation>Kontrollerar numren…</translation>
    </message>
    <message>
        <source>Open a file to begin.</source>
        <translation>Öppna en fil för att börja.</translation>
    </message>
    <message>
        <source>Skipped rows ({count})</source>
        <translation>Överhoppade rader ({count})</translation>
    </message>
    <message>
        <source>Skipped rows — none</source>
        <translation>Överhoppade rader — inga</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) ready.</source>
        <translation>
            <numerusform>%Ln mottagare klar.</numerusform>
            <numerusform>%Ln mottagare klara.</numerusform>
        </translation>
    </message>
    <message>
        <source>No valid phone numbers: check the phone column and the country.</source>
        <translation>Inga giltiga telefonnummer: kontrollera telefonkolumnen och landet.</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>Row</source>
        <translation>Rad</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Leverans</translation>
    </message>
    <message>
        <source>Provider id</source>
        <translation>Leverantörs-id</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kostnad</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fel</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Levererat</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>Inte levererat</translation>
    </message>
    <message>
        <source>Waiting for receipt</source>
        <translation>Väntar på kvitto</translation>
    </message>
    <message>
        <source>The row number in your file, as Excel shows it</source>
        <translation>Radnumret i din fil, som Excel visar det</translation>
    </message>
    <message>
        <source>Sent = accepted by the provider; Unknown = the answer was lost, it may have been sent</source>
        <translation>Skickat = mottaget av leverantören; Okänd = svaret försvann, det kan ha skickats</translation>
    </message>
    <message>
        <source>What the phone network reported later, where the provider can be asked</source>
        <translation>Vad mobilnätet rapporterade senare, där leverantören kan tillfrågas</translation>
    </message>
    <message>
        <source>SMS parts the message is billed as</source>
        <translation>Antal SMS som meddelandet debiteras som</translation>
    </message>
    <message>
        <source>What the provider reported for this message</source>
        <translation>Vad leverantören uppgav för det här meddelandet</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>All messages</source>
        <translation>Alla meddelanden</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Skickade</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Levererade</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Misslyckade</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>Inte levererade</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Okända</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Överhoppade</translation>
    </message>
    <message>
        <source>Ready to send</source>
        <translation>Redo att skicka</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Schemalagt</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Skickas</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausad</translation>
    </message>
    <message>
        <source>Cancelled — the rest can be resumed</source>
        <translation>Avbrutet — resten kan återupptas</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Klart</translation>
    </message>
    <message>
        <source>Interrupted — the rest can be resumed</source>
        <translation>Avbrutet — resten kan återupptas</translation>
    </message>
    <message>
        <source>Closed (the rest was discarded)</source>
        <translation>Avslutat (resten ströks)</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Avbrutet</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Avbrutet</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Stop after the requests in flight; resume any time (Ctrl+P)</source>
        <translation>Stoppa efter de pågående begärandena; återuppta när du vill (Ctrl+P)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Stop sending; what is not sent yet stays pending and can be resumed</source>
        <translation>Stoppa utskicket; det som inte skickats än väntar kvar och kan återupptas</translation>
    </message>
    <message>
        <source>Resume sending</source>
        <translation>Återuppta utskicket</translation>
    </message>
    <message>
        <source>Send the messages that are still pending (never the sent or unknown ones)</source>
        <translation>Skicka meddelandena som fortfarande väntar (aldrig de skickade eller okända)</translation>
    </message>
    <message>
        <source>Send the failed messages again</source>
        <translation>Skicka de misslyckade meddelandena igen</translation>
    </message>
    <message>
        <source>Retry unknown…</source>
        <translation>Skicka om okända…</translation>
    </message>
    <message>
        <source>Messages whose answer was lost may already have arrived: retrying may text them twice</source>
        <translation>Meddelanden vars svar försvann kan redan ha kommit fram: försöker du igen kan de få det två gånger</translation>
    </message>
    <message>
        <source>Check with provider</source>
        <translation>Fråga leverantören</translation>
    </message>
    <message>
        <source>Ask the provider which of the unknown messages it received (nothing is sent)</source>
        <translation>Fråga leverantören vilka av de okända meddelandena den har tagit emot (inget skickas)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportera…</translation>
    </message>
    <message>
        <source>Save every row with its status to CSV or Excel (Ctrl+E)</source>
        <translation>Spara varje rad med dess status som CSV eller Excel (Ctrl+E)</translation>
    </message>
    <message>
        <source>Cancel scheduled send…</source>
        <translation>Avbryt schemalagt utskick…</translation>
    </message>
    <message>
        <source>Take the scheduled messages back (at the provider where it holds them) before they go out</source>
        <translation>Ta tillbaka de schemalagda meddelandena (hos leverantören om den har dem) innan de skickas</translation>
    </message>
    <message>
        <source>Refresh delivery</source>
        <translation>Kvitton</translation>
    </message>
    <message>
        <source>Ask the provider which messages reached the phone (F5)</source>
        <translation>Fråga leverantören vilka meddelanden som kom fram (F5)</translation>
    </message>
    <message>
        <source>Show only messages in this state</source>
        <translation>Visa bara meddelanden med den här statusen</translation>
    </message>
    <message>
        <source>Search number, name, error…</source>
        <translation>Sök nummer, namn, fel…</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Visa:</translation>
    </message>
    <message>
        <source>Nothing sent yet. Results appear here as soon as you send from Review &amp; send, or when you open a campaign from History.</source>
        <translation>Inget skickat än. Resultaten visas här så fort du skickar från Granska och skicka, eller när du öppnar ett utskick från Historik.</translation>
    </message>
    <message>
        <source>A send is running</source>
        <translation>Ett utskick pågår</translation>
    </message>
    <message>
        <source>Campaign {id} is still sending. Pause or cancel it before opening another.</source>
        <translation>Utskick {id} pågår fortfarande. Pausa eller avbryt det innan du öppnar ett annat.</translation>
    </message>
    <message>
        <source>Loading campaign {id}…</source>
        <translation>Hämtar utskick {id}…</translation>
    </message>
    <message>
        <source>Results — {campaign}</source>
        <translation>Resultat — {campaign}</translation>
    </message>
    <message>
        <source>Campaign {id} · created {created} · account {account}</source>
        <translation>Utskick {id} · skapat {created} · konto {account}</translation>
    </message>
    <message>
        <source>(sandbox: no real SMS)</source>
        <translation>(sandlåda: inga riktiga SMS)</translation>
    </message>
    <message>
        <source>Scheduled for {when}</source>
        <translation>Schemalagt till {when}</translation>
    </message>
    <message>
        <source>Still up to date?</source>
        <translation>Fortfarande aktuellt?</translation>
    </message>
    <message>
        <source>This campaign may be out of date: {reasons}.

The text:
{text}

Send it as it is?</source>
        <translation>Det här utskicket kan vara inaktuellt: {reasons}.

Texten:
{text}

Skicka det som det är?</translation>
    </message>
    <message>
        <source>Send it as it is</source>
        <translation>Skicka som det är</translation>
    </message>
    <message>
        <source>Another SMSDesk is sending this campaign</source>
        <translation>Ett annat SMSDesk skickar det här utskicket</translation>
    </message>
    <message>
        <source>Wait and resume</source>
        <translation>Vänta och återuppta</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Inte nu</translation>
    </message>
    <message>
        <source>Waiting for the other SMSDesk to stop sending…</source>
        <translation>Väntar på att det andra SMSDesk slutar skicka…</translation>
    </message>
    <message>
        <source>the provider</source>
        <translation>leverantören</translation>
    </message>
    <message>
        <source>Sending has ended: once the connection works again, resume the campaign or retry the failed messages.</source>
        <translation>Utskicket har stoppat: när anslutningen fungerar igen, återuppta utskicket eller skicka om de misslyckade.</translation>
    </message>
    <message>
        <source>Next try at {time}.</source>
        <translation>Nästa försök kl. {time}.</translation>
    </message>
    <message>
        <source>Trying again shortly.</source>
        <translation>Försöker igen om en stund.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{who} cannot be reached.&lt;/b&gt; Check the internet connection, a proxy or firewall that may block SMSDesk, and the account&apos;s web address (Settings → Manage accounts). SMSDesk keeps trying in the background and sends nobody twice. {when}</source>
        <translation>&lt;b&gt;{who} går inte att nå.&lt;/b&gt; Kontrollera internetanslutningen, en proxy eller brandvägg som kan blockera SMSDesk, och kontots webbadress (Inställningar → Hantera konton). SMSDesk fortsätter försöka i bakgrunden och skickar inte till någon två gånger. {when}</translation>
    </message>
    <message>
        <source>Stopped: {reason}</source>
        <translation>Stoppat: {reason}</translation>
    </message>
    <message>
        <source>Sending stopped</source>
        <translation>Utskicket stoppade</translation>
    </message>
    <message>
        <source>Cancel sending?</source>
        <translation>Avbryta utskicket?</translation>
    </message>
    <message>
        <source>Stop sending now? Messages not sent yet stay pending: you can resume them later from History.</source>
        <translation>Stoppa utskicket nu? Meddelanden som inte skickats än väntar kvar: du kan återuppta dem senare från Historik.</translation>
    </message>
    <message>
        <source>Stop sending</source>
        <translation>Stoppa utskicket</translation>
    </message>
    <message>
        <source>Keep sending</source>
        <translation>Fortsätt skicka</translation>
    </message>
    <message>
        <source>Retry failed messages?</source>
        <translation>Skicka om misslyckade meddelanden?</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) failed: the provider refused them or could not be reached. Sending again texts those people again; check the errors first (a wrong number fails again).</source>
        <translation>
            <numerusform>%n meddelande misslyckades: leverantören avvisade det eller gick inte att nå. Skickar du igen får personen ett meddelande igen; kontrollera felet först (ett felaktigt nummer misslyckas igen).</numerusform>
            <numerusform>%n meddelanden misslyckades: leverantören avvisade dem eller gick inte att nå. Skickar du igen får de personerna ett meddelande igen; kontrollera felen först (ett felaktigt nummer misslyckas igen).</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry unknown messages?</source>
        <translation>Försöka igen med okända meddelanden?</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) may already have reached the phone: the provider&apos;s answer was lost (timeout, connection dropped, crash). Sending again may text those people twice.

Check the provider&apos;s own log first if you can.</source>
        <translation>
            <numerusform>%Ln meddelande kan redan ha kommit fram: leverantörens svar försvann (tidsgräns, bruten anslutning, krasch). Skickar du igen kan personen få det två gånger.

Kontrollera leverantörens egen logg först om du kan.</numerusform>
            <numerusform>%Ln meddelanden kan redan ha kommit fram: leverantörens svar försvann (tidsgräns, bruten anslutning, krasch). Skickar du igen kan de personerna få dem två gånger.

Kontrollera leverantörens egen logg först om du kan.</numerusform>
        </translation>
    </message>
    <message>
        <source>Send them again</source>
        <translation>Skicka dem igen</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Väntar</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stoppat</translation>
    </message>
    <message>
        <source>Retry failed…</source>
        <translation>Skicka om misslyckade…</translation>
    </message>
    <message>
        <source>Don&apos;t send</source>
        <translation>Skicka inte</translation>
    </message>
    <message>
        <source>Campaign {id} is being sent right now by another SMSDesk window or process on this computer{which}. Sending it from here too could text people twice.

Wait here and resume as soon as the other one stops, or close the other window first.</source>
        <translation>Utskick {id} skickas just nu av ett annat SMSDesk-fönster eller en annan process på den här datorn{which}. Skickar du det härifrån också kan folk få meddelandet två gånger.

Vänta här och återuppta så fort det andra stoppar, eller stäng det andra fönstret först.</translation>
    </message>
    <message>
        <source>process {pid}</source>
        <translation>process {pid}</translation>
    </message>
    <message>
        <source>process {pid} on {computer}</source>
        <translation>process {pid} på {computer}</translation>
    </message>
    <message>
        <source>since {time}</source>
        <translation>sedan {time}</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportera</translation>
    </message>
    <message>
        <source>Open a campaign first (History), or send one.</source>
        <translation>Öppna ett utskick först (Historik), eller skicka ett.</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Exportera resultat</translation>
    </message>
    <message>
        <source>SMSDesk {campaign}.xlsx</source>
        <translation>SMSDesk {campaign}.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV for Excel (*.csv)</source>
        <translation>Excel-arbetsbok (*.xlsx);;CSV för Excel (*.csv)</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>Sparat: {file}</translation>
    </message>
    <message>
        <source>Could not save {file}: {reason}</source>
        <translation>Kunde inte spara {file}: {reason}</translation>
    </message>
    <message>
        <source>Every sent message has a final delivery report.</source>
        <translation>Alla skickade meddelanden har en slutlig leveransrapport.</translation>
    </message>
    <message>
        <source>The provider allows one check every {interval}: next in {wait}</source>
        <translation>Leverantören tillåter en kontroll var {interval}: nästa om {wait}</translation>
    </message>
    <message>
        <source>Asking the provider for delivery reports…</source>
        <translation>Frågar leverantören om leveransrapporter…</translation>
    </message>
    <message>
        <source>Receipts checked {time}</source>
        <translation>Kvitton kontrollerade {time}</translation>
    </message>
    <message>
        <source> · {count} not delivered</source>
        <translation> · {count} inte levererade</translation>
    </message>
    <message>
        <source>Delivery check failed: {reason}</source>
        <translation>Leveranskontrollen misslyckades: {reason}</translation>
    </message>
    <message>
        <source>{0} messages are unknown: their answer was lost on the way. “Check with provider” asks {1} which of them it received; those it has are marked sent, those it never got failed (then “Retry failed” sends them once).</source>
        <translation>{0} meddelanden är okända: svaret försvann på vägen. ”Fråga leverantören” frågar {1} vilka av dem den har tagit emot; de den har markeras som skickade och de den aldrig fick som misslyckade (då skickar ”Skicka om misslyckade” dem en gång).</translation>
    </message>
    <message>
        <source>{0} messages are unknown: their answer was lost on the way, and {1} cannot be asked which messages it received. Check {1}&apos;s web portal, or use “Retry unknown…” accepting that some people may get the message twice.</source>
        <translation>{0} meddelanden är okända: svaret försvann på vägen, och {1} går inte att fråga vilka meddelanden den har tagit emot. Kolla {1}s webbportal, eller använd ”Skicka om okända…” och godta att några kan få meddelandet två gånger.</translation>
    </message>
    <message>
        <source>Asking {0} about the unknown messages…</source>
        <translation>Frågar {0} om de okända meddelandena…</translation>
    </message>
    <message>
        <source>{0} found sent, {1} not received by the provider.</source>
        <translation>{0} hittades som skickade, {1} inte mottagna av leverantören.</translation>
    </message>
    <message>
        <source>Could not ask the provider: {0}</source>
        <translation>Kunde inte fråga leverantören: {0}</translation>
    </message>
    <message>
        <source>Nothing to send</source>
        <translation>Inget att skicka</translation>
    </message>
    <message>
        <source>Nothing sent: {done} of {total} failed or unknown</source>
        <translation>Inget skickat: {done} av {total} misslyckade eller okända</translation>
    </message>
    <message>
        <source>{sent} of {total} sent</source>
        <translation>{sent} av {total} skickade</translation>
    </message>
    <message>
        <source> · {other} failed or unknown</source>
        <translation> · {other} misslyckade eller okända</translation>
    </message>
    <message>
        <source>Sent {count}</source>
        <translation>Skickade {count}</translation>
    </message>
    <message>
        <source>Failed {count}</source>
        <translation>Misslyckade {count}</translation>
    </message>
    <message>
        <source>Unknown {count}</source>
        <translation>Okända {count}</translation>
    </message>
    <message>
        <source>Waiting {count}</source>
        <translation>Väntar {count}</translation>
    </message>
    <message>
        <source>Skipped {count}</source>
        <translation>Överhoppade {count}</translation>
    </message>
    <message>
        <source>Delivered {count}</source>
        <translation>Levererade {count}</translation>
    </message>
    <message>
        <source>waiting for the provider</source>
        <translation>väntar på leverantören</translation>
    </message>
    <message>
        <source>finishing…</source>
        <translation>slutför…</translation>
    </message>
    <message>
        <source>estimating time left…</source>
        <translation>beräknar återstående tid…</translation>
    </message>
    <message>
        <source>about {time} left</source>
        <translation>cirka {time} kvar</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Återuppta</translation>
    </message>
    <message>
        <source>This provider cannot be asked for delivery reports</source>
        <translation>Den här leverantören kan inte ge leveransrapporter</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>The provider account the messages go through</source>
        <translation>Kontot hos leverantören som meddelandena skickas via</translation>
    </message>
    <message>
        <source>Manage accounts…</source>
        <translation>Hantera konton…</translation>
    </message>
    <message>
        <source>Add, edit or remove provider accounts; test a connection</source>
        <translation>Lägg till, ändra eller ta bort konton hos leverantörer; testa en anslutning</translation>
    </message>
    <message>
        <source>Send through:</source>
        <translation>Skicka via:</translation>
    </message>
    <message>
        <source>Name shown in History</source>
        <translation>Namnet som visas i Historik</translation>
    </message>
    <message>
        <source>A name to find this send again in History</source>
        <translation>Ett namn så att du hittar utskicket igen i Historik</translation>
    </message>
    <message>
        <source>Campaign name:</source>
        <translation>Namn på utskicket:</translation>
    </message>
    <message>
        <source>recipients</source>
        <translation>mottagare</translation>
    </message>
    <message>
        <source>SMS in total</source>
        <translation>SMS totalt</translation>
    </message>
    <message>
        <source>estimated cost</source>
        <translation>beräknad kostnad</translation>
    </message>
    <message>
        <source>balance</source>
        <translation>saldo</translation>
    </message>
    <message>
        <source>estimated time</source>
        <translation>beräknad tid</translation>
    </message>
    <message>
        <source>Send later</source>
        <translation>Skicka senare</translation>
    </message>
    <message>
        <source>Choose the day and time the messages go out</source>
        <translation>Välj dag och tid då meddelandena skickas</translation>
    </message>
    <message>
        <source>Keep quiet hours (20:00–08:00 in each recipient&apos;s own time zone)</source>
        <translation>Respektera tysta timmar (20:00–08:00 i varje mottagares egen tidszon)</translation>
    </message>
    <message>
        <source>Nobody is texted inside quiet hours: sending waits for them to end and goes on by itself</source>
        <translation>Ingen får SMS under tysta timmar: utskicket väntar tills de är slut och fortsätter av sig självt</translation>
    </message>
    <message>
        <source>Skip them</source>
        <translation>Hoppa över dem</translation>
    </message>
    <message>
        <source>Send with this text instead:</source>
        <translation>Skicka med den här texten i stället:</translation>
    </message>
    <message>
        <source>Send with nothing there</source>
        <translation>Skicka utan något där</translation>
    </message>
    <message>
        <source>e.g. kunde</source>
        <translation>t.ex. kund</translation>
    </message>
    <message>
        <source>your mobile, e.g. 20 12 34 56</source>
        <translation>ditt mobilnummer, t.ex. 070 123 45 67</translation>
    </message>
    <message>
        <source>Send a test to my number</source>
        <translation>Skicka ett test till mitt nummer</translation>
    </message>
    <message>
        <source>Send the first recipient&apos;s message to your own phone, through the chosen account</source>
        <translation>Skicka den första mottagarens meddelande till din egen telefon via det valda kontot</translation>
    </message>
    <message>
        <source>←  Message</source>
        <translation>←  Meddelande</translation>
    </message>
    <message>
        <source>Send…</source>
        <translation>Skicka…</translation>
    </message>
    <message>
        <source>Shows the totals once more and asks before anything is sent</source>
        <translation>Visar siffrorna en gång till och frågar innan något skickas</translation>
    </message>
    <message>
        <source>Review &amp; send</source>
        <translation>Granska och skicka</translation>
    </message>
    <message>
        <source>The message, as the first recipient gets it</source>
        <translation>Meddelandet, som den första mottagaren får det</translation>
    </message>
    <message>
        <source>Try it first</source>
        <translation>Prova först</translation>
    </message>
    <message>
        <source>{account} — no real SMS</source>
        <translation>{account} — inga riktiga SMS</translation>
    </message>
    <message>
        <source>Add an account with Manage accounts… to send.</source>
        <translation>Lägg till ett konto under Hantera konton… för att skicka.</translation>
    </message>
    <message>
        <source>The sandbox sends nothing for real: use it to try the whole flow.</source>
        <translation>Sandlådan skickar inget på riktigt: använd den för att prova hela flödet.</translation>
    </message>
    <message>
        <source> · sender {sender}</source>
        <translation> · avsändare {sender}</translation>
    </message>
    <message>
        <source>Nothing to review yet: open a file with your recipients first (step 1).</source>
        <translation>Inget att granska än: öppna först en fil med dina mottagare (steg 1).</translation>
    </message>
    <message>
        <source>The file has no valid phone numbers: check the phone column and country in step 1.</source>
        <translation>Filen har inga giltiga telefonnummer: kontrollera telefonkolumnen och landet i steg 1.</translation>
    </message>
    <message>
        <source>The message needs fixing first (step 2): {problems}</source>
        <translation>Meddelandet behöver rättas först (steg 2): {problems}</translation>
    </message>
    <message>
        <source>Choose or add an account to send through (Manage accounts…).</source>
        <translation>Välj eller lägg till ett konto att skicka via (Hantera konton…).</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Utskick</translation>
    </message>
    <message>
        <source> and {0} more</source>
        <translation> och {0} till</translation>
    </message>
    <message>
        <source>Rows {0}: the message is longer than {1} characters, the most this provider takes; it will not be sent to them. Shorten the message.</source>
        <translation>Rader {0}: meddelandet är längre än {1} tecken, det mesta som den här leverantören tar emot; det skickas inte till dem. Korta meddelandet.</translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s) have no value for {placeholder}.</source>
        <translation>
            <numerusform>%n mottagare saknar värde för {placeholder}.</numerusform>
            <numerusform>%n mottagare saknar värde för {placeholder}.</numerusform>
        </translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>kontrollerar…</translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation>inte tillgängligt</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>inte angivet</translation>
    </message>
    <message>
        <source>The account has {left} left; this campaign needs at least {needed} (one per message). Top up the account first.</source>
        <translation>Kontot har {left} kvar; det här utskicket behöver minst {needed} (ett per meddelande). Fyll på kontot först.</translation>
    </message>
    <message>
        <source>The account has {left} left; this campaign is estimated at {cost}. Top up the account first.</source>
        <translation>Kontot har {left} kvar; det här utskicket beräknas till {cost}. Fyll på kontot först.</translation>
    </message>
    <message>
        <source>price not set</source>
        <translation>pris inte angivet</translation>
    </message>
    <message>
        <source>per your price</source>
        <translation>enligt ditt pris</translation>
    </message>
    <message>
        <source>estimated cost ({price} per SMS)</source>
        <translation>beräknad kostnad ({price} per SMS)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln SMS × {price} per SMS</source>
        <translation>
            <numerusform>%Ln SMS × {price} per SMS</numerusform>
            <numerusform>%Ln SMS × {price} per SMS</numerusform>
        </translation>
    </message>
    <message>
        <source>Set your price per SMS in Settings to see the cost here</source>
        <translation>Ange ditt pris per SMS under Inställningar för att se kostnaden här</translation>
    </message>
    <message>
        <source>under a second</source>
        <translation>under en sekund</translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s) to the provider, within its speed limits and your cap</source>
        <translation>
            <numerusform>%Ln begäran till leverantören, inom dess hastighetsgränser och din egen gräns</numerusform>
            <numerusform>%Ln begäranden till leverantören, inom dess hastighetsgränser och din egen gräns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) of the file will be skipped (see Recipients)</source>
        <translation>
            <numerusform>%Ln rad i filen hoppas över (se Mottagare)</numerusform>
            <numerusform>%Ln rader i filen hoppas över (se Mottagare)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) in Unicode (70 characters per SMS)</source>
        <translation>
            <numerusform>%Ln meddelande i Unicode (70 tecken per SMS)</numerusform>
            <numerusform>%Ln meddelanden i Unicode (70 tecken per SMS)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the longest message is %n SMS</source>
        <translation>
            <numerusform>det längsta meddelandet är %n SMS</numerusform>
            <numerusform>det längsta meddelandet är %n SMS</numerusform>
        </translation>
    </message>
    <message>
        <source>the balance could not be read: {reason}</source>
        <translation>saldot kunde inte läsas: {reason}</translation>
    </message>
    <message>
        <source>The balance could not be read ({error}), so SMSDesk cannot tell whether the account has enough credit. Check the internet connection and the account (Manage accounts → Test connection) before sending.</source>
        <translation>Saldot kunde inte läsas ({error}), så SMSDesk kan inte avgöra om det finns tillräckligt på kontot. Kontrollera internetanslutningen och kontot (Hantera konton → Testa anslutningen) innan du skickar.</translation>
    </message>
    <message>
        <source>Schedule…</source>
        <translation>Schemalägg…</translation>
    </message>
    <message numerus="yes">
        <source>Schedule for %Ln recipient(s)…</source>
        <translation>
            <numerusform>Schemalägg till %Ln mottagare…</numerusform>
            <numerusform>Schemalägg till %Ln mottagare…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send anyway to %Ln recipient(s)…</source>
        <translation>
            <numerusform>Skicka ändå till %Ln mottagare…</numerusform>
            <numerusform>Skicka ändå till %Ln mottagare…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send to %Ln recipient(s)…</source>
        <translation>
            <numerusform>Skicka till %Ln mottagare…</numerusform>
            <numerusform>Skicka till %Ln mottagare…</numerusform>
        </translation>
    </message>
    <message>
        <source>Type your own mobile number first.</source>
        <translation>Skriv ditt eget mobilnummer först.</translation>
    </message>
    <message>
        <source>Sending a test to {number}…</source>
        <translation>Skickar ett test till {number}…</translation>
    </message>
    <message>
        <source>Test sent to {number} (sandbox: no real SMS was sent).</source>
        <translation>Test skickat till {number} (sandlåda: inget riktigt SMS skickades).</translation>
    </message>
    <message>
        <source>Scheduled by {provider}: the messages are handed over now and {provider} sends them at {when}, so this computer may be off then.</source>
        <translation>Schemalagt hos {provider}: meddelandena lämnas över nu och {provider} skickar dem {when}, så datorn får gärna vara avstängd då.</translation>
    </message>
    <message>
        <source>{provider} cannot cancel them once handed over.</source>
        <translation>{provider} kan inte avbryta dem när de väl har lämnats över.</translation>
    </message>
    <message>
        <source>They can be cancelled until {minutes} minutes before.</source>
        <translation>De kan avbrytas fram till {minutes} minuter innan.</translation>
    </message>
    <message>
        <source>Kept by SMSDesk, as {provider} cannot schedule: SMSDesk sends the campaign at {when} if it is open then; otherwise let the system&apos;s scheduler run `smsdesk campaigns run-due` (see the README).</source>
        <translation>Sparas i SMSDesk, eftersom {provider} inte kan schemalägga: SMSDesk skickar utskicket {when} om programmet är öppet då; annars låt systemets schemaläggare köra `smsdesk campaigns run-due` (se README).</translation>
    </message>
    <message>
        <source>Inside quiet hours</source>
        <translation>Under tysta timmar</translation>
    </message>
    <message>
        <source>{when} is inside quiet hours (20:00–08:00) for {count} recipient(s). Schedule it anyway?</source>
        <translation>{when} ligger under tysta timmar (20:00–08:00) för {count} mottagare. Schemalägga ändå?</translation>
    </message>
    <message>
        <source>Schedule anyway</source>
        <translation>Schemalägg ändå</translation>
    </message>
    <message>
        <source>Pick another time</source>
        <translation>Välj en annan tid</translation>
    </message>
    <message numerus="yes">
        <source>Schedule %Ln message(s)</source>
        <translation>
            <numerusform>Schemalägg %Ln meddelande</numerusform>
            <numerusform>Schemalägg %Ln meddelanden</numerusform>
        </translation>
    </message>
    <message>
        <source>Schedule?</source>
        <translation>Schemalägga?</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) of campaign {id} already went to these recipients.</source>
        <translation>
            <numerusform>%n meddelande i utskick {id} har redan skickats till de här mottagarna.</numerusform>
            <numerusform>%n meddelanden i utskick {id} har redan skickats till de här mottagarna.</numerusform>
        </translation>
    </message>
    <message>
        <source>Campaign {id} was made from this message for these recipients; none of it has been sent yet (resume it from Results or History rather than making a second one).</source>
        <translation>Utskick {id} gjordes med det här meddelandet till de här mottagarna; inget av det har skickats än (återuppta det från Resultat eller Historik i stället för att göra ett till).</translation>
    </message>
    <message>
        <source>Sending again texts every one of them a second time. To send only what failed, use Retry failed in Results instead.</source>
        <translation>Skickar du igen får var och en det en gång till. Vill du bara skicka det som misslyckades, använd Skicka om misslyckade under Resultat i stället.</translation>
    </message>
    <message>
        <source>Test sent to {number}. Check your phone.</source>
        <translation>Test skickat till {number}. Kolla din telefon.</translation>
    </message>
    <message>
        <source>The test was not sent: {reason}</source>
        <translation>Testet skickades inte: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Send %Ln message(s)</source>
        <translation>
            <numerusform>Skicka %Ln meddelande</numerusform>
            <numerusform>Skicka %Ln meddelanden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln SMS in total) through {account}?</source>
        <translation>
            <numerusform>(%Ln SMS totalt) via {account}?</numerusform>
            <numerusform>(%Ln SMS totalt) via {account}?</numerusform>
        </translation>
    </message>
    <message>
        <source>Estimated cost: {cost}</source>
        <translation>Beräknad kostnad: {cost}</translation>
    </message>
    <message>
        <source>Balance: {balance}</source>
        <translation>Saldo: {balance}</translation>
    </message>
    <message>
        <source>Estimated time: {time}</source>
        <translation>Beräknad tid: {time}</translation>
    </message>
    <message>
        <source>Skipped rows: {count}</source>
        <translation>Överhoppade rader: {count}</translation>
    </message>
    <message>
        <source>This is the sandbox: no real SMS will be sent.</source>
        <translation>Det här är sandlådan: inga riktiga SMS skickas.</translation>
    </message>
    <message>
        <source>Messages go out as soon as you confirm. You can pause or cancel at any time.</source>
        <translation>Meddelandena skickas så fort du bekräftar. Du kan pausa eller avbryta när som helst.</translation>
    </message>
    <message>
        <source>Send the same again?</source>
        <translation>Skicka samma sak igen?</translation>
    </message>
    <message>
        <source>Send again to everyone</source>
        <translation>Skicka igen till alla</translation>
    </message>
    <message>
        <source>Don&apos;t send</source>
        <translation>Skicka inte</translation>
    </message>
    <message>
        <source>Send now?</source>
        <translation>Skicka nu?</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Inte än</translation>
    </message>
    <message>
        <source>Saving the campaign…</source>
        <translation>Sparar utskicket…</translation>
    </message>
    <message>
        <source>Could not start</source>
        <translation>Kunde inte starta</translation>
    </message>
</context>
<context>
    <name>ScheduleCancel</name>
    <message>
        <source>Cancel the scheduled send?</source>
        <translation>Avbryta det schemalagda utskicket?</translation>
    </message>
    <message>
        <source>The messages of {name}, scheduled for {when}, will not be sent.</source>
        <translation>Meddelandena i {name}, schemalagda till {when}, skickas inte.</translation>
    </message>
    <message>
        <source>Cancel the send</source>
        <translation>Avbryt utskicket</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Behåll det</translation>
    </message>
    <message>
        <source>Scheduled send</source>
        <translation>Schemalagt utskick</translation>
    </message>
</context>
<context>
    <name>SegmentView</name>
    <message>
        <source>The preview appears here as you type.</source>
        <translation>Förhandsgranskningen visas här medan du skriver.</translation>
    </message>
    <message>
        <source>SMS {number} of {count} · {used}/{room}</source>
        <translation>SMS {number} av {count} · {used}/{room}</translation>
    </message>
    <message>
        <source>1 SMS · {used}/{room}</source>
        <translation>1 SMS · {used}/{room}</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>System</source>
        <translation>Systemets språk</translation>
    </message>
    <message>
        <source>The language of SMSDesk&apos;s windows; System follows the computer</source>
        <translation>Språket i SMSDesks fönster; Systemets språk följer datorn</translation>
    </message>
    <message>
        <source>Numbers without a country code are read as numbers of this country</source>
        <translation>Nummer utan landsnummer läses som nummer i det här landet</translation>
    </message>
    <message>
        <source>The account chosen when SMSDesk starts</source>
        <translation>Kontot som är valt när SMSDesk startar</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Språk:</translation>
    </message>
    <message>
        <source>Default country:</source>
        <translation>Standardland:</translation>
    </message>
    <message>
        <source>Default account:</source>
        <translation>Standardkonto:</translation>
    </message>
    <message>
        <source>What one SMS part costs you; the estimate before sending uses it</source>
        <translation>Vad ett SMS kostar dig; uppskattningen innan du skickar använder det</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> per minut</translation>
    </message>
    <message>
        <source>Your own limit, on top of the provider&apos;s documented one (some networks flag fast senders as spam)</source>
        <translation>Din egen gräns, utöver leverantörens (vissa nät märker snabba avsändare som skräp)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <source>Manage accounts…</source>
        <translation>Hantera konton…</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Konto:</translation>
    </message>
    <message>
        <source>Price per SMS:</source>
        <translation>Pris per SMS:</translation>
    </message>
    <message>
        <source>Speed cap:</source>
        <translation>Hastighetsgräns:</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allmänt</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konton</translation>
    </message>
    <message>
        <source>Find a number…</source>
        <translation>Hitta ett nummer…</translation>
    </message>
    <message>
        <source>Number to add, e.g. 20 12 34 56</source>
        <translation>Nummer att lägga till, t.ex. 070 123 45 67</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Lägg till</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>Ta bort valda</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importera…</translation>
    </message>
    <message>
        <source>Add every number of a CSV or Excel file (any column of numbers)</source>
        <translation>Lägg till alla nummer från en CSV- eller Excel-fil (vilken kolumn med nummer som helst)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportera…</translation>
    </message>
    <message>
        <source>Save the list to CSV or Excel</source>
        <translation>Spara listan som CSV eller Excel</translation>
    </message>
    <message>
        <source>Opt-out list</source>
        <translation>Avregistreringslista</translation>
    </message>
    <message>
        <source>People on this list never get a message: they are skipped when a file is read, with the reason.</source>
        <translation>Personer på listan får aldrig något meddelande: de hoppas över när en fil läses, med orsaken.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Tillagt</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <source>{account} — no real SMS</source>
        <translation>{account} — inga riktiga SMS</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Sparat.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln number(s) on the list.</source>
        <translation>
            <numerusform>%Ln nummer på listan.</numerusform>
            <numerusform>%Ln nummer på listan.</numerusform>
        </translation>
    </message>
    <message>
        <source>The list is empty.</source>
        <translation>Listan är tom.</translation>
    </message>
    <message>
        <source>{number} added.</source>
        <translation>{number} har lagts till.</translation>
    </message>
    <message>
        <source>{number} was already on the list.</source>
        <translation>{number} fanns redan på listan.</translation>
    </message>
    <message>
        <source>Select the numbers to remove first.</source>
        <translation>Markera först numren som ska tas bort.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln number(s) removed.</source>
        <translation>
            <numerusform>%Ln nummer borttaget.</numerusform>
            <numerusform>%Ln nummer borttagna.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import opt-outs</source>
        <translation>Importera avregistreringar</translation>
    </message>
    <message>
        <source>Spreadsheets and text files (*.csv *.txt *.xlsx *.xls *.ods);;All files (*)</source>
        <translation>Kalkylark och textfiler (*.csv *.txt *.xlsx *.xls *.ods);;Alla filer (*)</translation>
    </message>
    <message numerus="yes">
        <source>{file}: %Ln number(s) added</source>
        <translation>
            <numerusform>{file}: %Ln nummer tillagt</numerusform>
            <numerusform>{file}: %Ln nummer tillagda</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln already on the list</source>
        <translation>
            <numerusform>, %Ln fanns redan på listan</numerusform>
            <numerusform>, %Ln fanns redan på listan</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln row(s) skipped (e.g. row {row}: {value}, {reason})</source>
        <translation>
            <numerusform>; %Ln rad överhoppad (t.ex. rad {row}: {value}, {reason})</numerusform>
            <numerusform>; %Ln rader överhoppade (t.ex. rad {row}: {value}, {reason})</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Läser {file}…</translation>
    </message>
    <message>
        <source>Export opt-outs</source>
        <translation>Exportera avregistreringar</translation>
    </message>
    <message>
        <source>SMSDesk opt-outs.xlsx</source>
        <translation>SMSDesk avregistreringar.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel-arbetsbok (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln number(s) saved to {file}.</source>
        <translation>
            <numerusform>%Ln nummer sparat i {file}.</numerusform>
            <numerusform>%Ln nummer sparade i {file}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>States</name>
    <message>
        <source>Waiting</source>
        <translation>Väntar</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Skickas</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Skickat</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Levererat</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Misslyckat</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Överhoppat</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Okänt</translation>
    </message>
</context>
<context>
    <name>TemplateWords</name>
    <message>
        <source>Empty placeholder {written} at character {at}: put a column name between the braces, or write {{{{ and }}}} for literal braces</source>
        <translation>Tomt kopplingsfält {written} vid tecken {at}: skriv ett kolumnnamn mellan klamrarna, eller skriv {{{{ och }}}} för vanliga klamrar</translation>
    </message>
    <message>
        <source>Unclosed {{ at character {at}: end the placeholder with }}, or write {{{{ for a literal {{</source>
        <translation>Ostängd {{ vid tecken {at}: avsluta kopplingsfältet med }}, eller skriv {{{{ för en vanlig {{</translation>
    </message>
    <message>
        <source>Stray }} at character {at} with no {{ before it: write }}}} for a literal }}</source>
        <translation>Lös }} vid tecken {at} utan {{ före: skriv }}}} för en vanlig }}</translation>
    </message>
    <message>
        <source>Placeholder {written} at character {at} matches several columns ({names}); write it exactly as one of them</source>
        <translation>Kopplingsfältet {written} vid tecken {at} passar flera kolumner ({names}); skriv det exakt som en av dem</translation>
    </message>
    <message>
        <source>Unknown placeholder {written} at character {at} - the file has no column &quot;{name}&quot;</source>
        <translation>Okänt kopplingsfält {written} vid tecken {at} – filen har ingen kolumn &quot;{name}&quot;</translation>
    </message>
    <message>
        <source>Did you mean {column}?</source>
        <translation>Menade du {column}?</translation>
    </message>
    <message>
        <source>{columns} and {count} more</source>
        <translation>{columns} och {count} till</translation>
    </message>
    <message>
        <source>The columns are {columns}</source>
        <translation>Kolumnerna är {columns}</translation>
    </message>
    <message>
        <source>(no file is loaded)</source>
        <translation>(ingen fil är öppnad)</translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <source>not set</source>
        <translation>inte angivet</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>ingen gräns</translation>
    </message>
    <message>
        <source>points</source>
        <translation>poäng</translation>
    </message>
    <message>
        <source>credits</source>
        <translation>krediter</translation>
    </message>
    <message>
        <source>(provider&apos;s unit)</source>
        <translation>(leverantörens enhet)</translation>
    </message>
</context>
<context>
    <name>_Answer</name>
    <message numerus="yes">
        <source>Cancelled: %Ln message(s) of {name} will not be sent.</source>
        <translation>
            <numerusform>Avbrutet: %Ln meddelande i {name} skickas inte.</numerusform>
            <numerusform>Avbrutet: %Ln meddelanden i {name} skickas inte.</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} could not be cancelled.</source>
        <translation>{name} kunde inte avbrytas.</translation>
    </message>
    <message>
        <source>The provider did not cancel {name}.</source>
        <translation>Leverantören avbröt inte {name}.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) were cancelled; the others will be sent.</source>
        <translation>
            <numerusform>%Ln meddelande avbröts; de andra skickas.</numerusform>
            <numerusform>%Ln meddelanden avbröts; de andra skickas.</numerusform>
        </translation>
    </message>
</context>
</TS>
