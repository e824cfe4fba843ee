<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da">
<context>
    <name>AccountsDialog</name>
    <message>
        <source>No password store could be opened ({error}). Keys cannot be saved.</source>
        <translation>Ingen adgangskodeboks kunne åbnes ({error}). Nøgler kan ikke gemmes.</translation>
    </message>
    <message>
        <source>Keys are kept in your system&apos;s password store ({store}), never in SMSDesk&apos;s files.</source>
        <translation>Nøgler gemmes i systemets adgangskodeboks ({store}), aldrig i SMSDesks egne filer.</translation>
    </message>
    <message>
        <source>No secure password store was found ({store}), so SMSDesk will not save keys.</source>
        <translation>Der blev ikke fundet en sikker adgangskodeboks ({store}), så SMSDesk gemmer ikke nøgler.</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konti</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>Tilføj konto</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Fjern</translation>
    </message>
    <message>
        <source>e.g. CPSMS shop</source>
        <translation>fx CPSMS butik</translation>
    </message>
    <message>
        <source>Your shop name or number</source>
        <translation>Butikkens navn eller nummer</translation>
    </message>
    <message>
        <source>What one SMS part costs you; used for the estimate before sending</source>
        <translation>Hvad én SMS koster dig; bruges til overslaget før afsendelse</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> pr. minut</translation>
    </message>
    <message>
        <source>Your own cap on messages per minute, on top of the provider&apos;s documented limit</source>
        <translation>Din egen grænse for beskeder pr. minut, ud over udbyderens egen grænse</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API-nøgle:</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Brugernavn:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Navn:</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Udbyder:</translation>
    </message>
    <message>
        <source>Sender:</source>
        <translation>Afsender:</translation>
    </message>
    <message>
        <source>Web address:</source>
        <translation>Webadresse:</translation>
    </message>
    <message>
        <source>Price per SMS:</source>
        <translation>Pris pr. SMS:</translation>
    </message>
    <message>
        <source>Speed cap:</source>
        <translation>Hastighedsgrænse:</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Test forbindelsen</translation>
    </message>
    <message>
        <source>Ask the provider whether it takes these settings, where it can without sending an SMS</source>
        <translation>Spørg udbyderen, om den godtager disse indstillinger, hvis det kan ske uden at sende en SMS</translation>
    </message>
    <message>
        <source>{0} cannot be asked without sending an SMS, so the key is not checked here. Send a test SMS to your own number on the Review page to be sure.</source>
        <translation>{0} kan ikke spørges uden at sende en SMS, så nøglen tjekkes ikke her. Send en test-SMS til dit eget nummer under Kontrollér og send for at være sikker.</translation>
    </message>
    <message>
        <source>Connected. {0}</source>
        <translation>Forbundet. {0}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Gem</translation>
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
        <translation>gemt i adgangskodeboksen — skriv for at erstatte</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Ny konto</translation>
    </message>
    <message>
        <source>not needed: the sandbox sends nothing for real</source>
        <translation>ikke nødvendig: sandkassen sender ikke noget rigtigt</translation>
    </message>
    <message>
        <source>your {secret}</source>
        <translation>din {secret}</translation>
    </message>
    <message>
        <source>the built-in sandbox</source>
        <translation>den indbyggede sandkasse</translation>
    </message>
    <message>
        <source>{url} (leave empty)</source>
        <translation>{url} (lad feltet stå tomt)</translation>
    </message>
    <message>
        <source>Sender: {rule}</source>
        <translation>Afsender: {rule}</translation>
    </message>
    <message>
        <source>Give the account a name.</source>
        <translation>Giv kontoen et navn.</translation>
    </message>
    <message>
        <source>There is already an account called {name}.</source>
        <translation>Der findes allerede en konto med navnet {name}.</translation>
    </message>
    <message>
        <source>Type the key the provider gave you.</source>
        <translation>Skriv den nøgle, du har fået af udbyderen.</translation>
    </message>
    <message>
        <source>There is no secure password store on this computer, so the key cannot be saved.</source>
        <translation>Der er ingen sikker adgangskodeboks på denne computer, så nøglen kan ikke gemmes.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gemt.</translation>
    </message>
    <message>
        <source>Remove account?</source>
        <translation>Fjern kontoen?</translation>
    </message>
    <message>
        <source>Remove {name} and its saved key? Campaigns sent with it stay in History.</source>
        <translation>Fjern {name} og den gemte nøgle? Udsendelser, der er sendt med den, bliver i Historik.</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Fjern konto</translation>
    </message>
    <message>
        <source>Asking the provider…</source>
        <translation>Spørger udbyderen…</translation>
    </message>
    <message>
        <source>Could not connect: {reason}</source>
        <translation>Kunne ikke forbinde: {reason}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Something went wrong</source>
        <translation>Noget gik galt</translation>
    </message>
    <message>
        <source>SMSDesk hit an unexpected error ({error}).

Nothing already sent or saved is lost: the send journal keeps every message&apos;s state. If this happens again, please report it.</source>
        <translation>SMSDesk stødte på en uventet fejl ({error}).

Intet, der allerede er sendt eller gemt, er gået tabt: afsendelsesloggen husker hver beskeds status. Sker det igen, så giv os gerne besked.</translation>
    </message>
    <message>
        <source>SMSDesk cannot start</source>
        <translation>SMSDesk kan ikke starte</translation>
    </message>
</context>
<context>
    <name>Draft</name>
    <message>
        <source>The message is empty.</source>
        <translation>Beskeden er tom.</translation>
    </message>
</context>
<context>
    <name>DropArea</name>
    <message>
        <source>Open file…</source>
        <translation>Åbn fil…</translation>
    </message>
    <message>
        <source>Choose the file with your recipients (Ctrl+O)</source>
        <translation>Vælg filen med dine modtagere (Ctrl+O)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Drop another file here&lt;/b&gt; to replace this one.</source>
        <translation>&lt;b&gt;Slip en anden fil her&lt;/b&gt; for at erstatte denne.</translation>
    </message>
    <message>
        <source>Open another file…</source>
        <translation>Åbn en anden fil…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Drop a spreadsheet or CSV file here&lt;/b&gt;&lt;br&gt;&lt;span&gt;Excel (.xlsx, .xls), OpenDocument (.ods), CSV or text. Each row is one recipient; one column holds the phone numbers.&lt;/span&gt;</source>
        <translation>&lt;b&gt;Slip et regneark eller en CSV-fil her&lt;/b&gt;&lt;br&gt;&lt;span&gt;Excel (.xlsx, .xls), OpenDocument (.ods), CSV eller tekst. Hver række er én modtager; én kolonne indeholder telefonnumrene.&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>{amount} credits</source>
        <translation>{amount} point</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} sek.</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} min. {seconds} sek.</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} t. {minutes} min.</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>{name} ({when}, {account}): {sent} of {total} sent, {waiting} waiting</source>
        <translation>{name} ({when}, {account}): {sent} af {total} sendt, {waiting} venter</translation>
    </message>
    <message numerus="yes">
        <source>, %Ln unknown (may have arrived; not sent again unless you ask)</source>
        <translation>
            <numerusform>, %Ln ukendt (kan være nået frem; sendes ikke igen, medmindre du beder om det)</numerusform>
            <numerusform>, %Ln ukendte (kan være nået frem; sendes ikke igen, medmindre du beder om det)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Udsendelse</translation>
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
        <translation>Modtagere</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sendt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fejlet</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Ukendt</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Venter</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Pris</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åbn</translation>
    </message>
    <message>
        <source>See every message of this campaign (double-click)</source>
        <translation>Se alle beskeder i denne udsendelse (dobbeltklik)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Genoptag</translation>
    </message>
    <message>
        <source>Send the messages that were never sent (never the sent or unknown ones)</source>
        <translation>Send de beskeder, der aldrig blev sendt (aldrig de sendte eller ukendte)</translation>
    </message>
    <message>
        <source>Discard the rest…</source>
        <translation>Opgiv resten…</translation>
    </message>
    <message>
        <source>Close the campaign: messages not sent yet will never be sent</source>
        <translation>Afslut udsendelsen: beskeder, der ikke er sendt endnu, bliver aldrig sendt</translation>
    </message>
    <message>
        <source>Cancel scheduled send…</source>
        <translation>Annullér planlagt udsendelse…</translation>
    </message>
    <message>
        <source>A campaign waiting for its time: it will not be sent (provider-scheduled ones: open them)</source>
        <translation>En udsendelse, der venter på sit tidspunkt: den bliver ikke sendt (planlagt hos udbyderen: åbn dem)</translation>
    </message>
    <message>
        <source>No campaigns yet. Every send appears here with its totals, and can be opened again.</source>
        <translation>Ingen udsendelser endnu. Hver udsendelse vises her med sine tal og kan åbnes igen.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historik</translation>
    </message>
    <message>
        <source>Discard the rest?</source>
        <translation>Opgiv resten?</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) of {name} were never sent. Discarding closes the campaign and they will never be sent. The results so far stay here.</source>
        <translation>
            <numerusform>%Ln besked i {name} blev aldrig sendt. Opgiver du resten, afsluttes udsendelsen, og den bliver aldrig sendt. Resultaterne indtil nu bliver her.</numerusform>
            <numerusform>%Ln beskeder i {name} blev aldrig sendt. Opgiver du resten, afsluttes udsendelsen, og de bliver aldrig sendt. Resultaterne indtil nu bliver her.</numerusform>
        </translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Opgiv</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>Unexpected error ({error}). Nothing was lost; please report this.</source>
        <translation>Uventet fejl ({error}). Intet er gået tabt; giv os gerne besked.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>1  Recipients</source>
        <translation>1  Modtagere</translation>
    </message>
    <message>
        <source>2  Message</source>
        <translation>2  Besked</translation>
    </message>
    <message>
        <source>3  Review &amp; send</source>
        <translation>3  Kontrollér og send</translation>
    </message>
    <message>
        <source>4  Results</source>
        <translation>4  Resultater</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historik</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Indstillinger</translation>
    </message>
    <message>
        <source>Open the file with your recipients (Ctrl+1)</source>
        <translation>Åbn filen med dine modtagere (Ctrl+1)</translation>
    </message>
    <message>
        <source>Write the message, with placeholders from the file (Ctrl+2)</source>
        <translation>Skriv beskeden med flettefelter fra filen (Ctrl+2)</translation>
    </message>
    <message>
        <source>Check the totals, send a test, then send (Ctrl+3)</source>
        <translation>Tjek tallene, send en test, og send så (Ctrl+3)</translation>
    </message>
    <message>
        <source>Follow every message of the current send (Ctrl+4)</source>
        <translation>Følg hver besked i den aktuelle udsendelse (Ctrl+4)</translation>
    </message>
    <message>
        <source>Every campaign sent so far (Ctrl+H)</source>
        <translation>Alle udsendelser indtil nu (Ctrl+H)</translation>
    </message>
    <message>
        <source>Language, default country, accounts, prices, opt-out list (Ctrl+,)</source>
        <translation>Sprog, standardland, konti, priser, afmeldingsliste (Ctrl+,)</translation>
    </message>
    <message>
        <source>No account chosen</source>
        <translation>Ingen konto valgt</translation>
    </message>
    <message>
        <source>{account} — no real SMS</source>
        <translation>{account} — ingen rigtige SMS</translation>
    </message>
    <message>
        <source>Account: {account}</source>
        <translation>Konto: {account}</translation>
    </message>
    <message>
        <source>The account messages are sent through; change it in Review &amp; send</source>
        <translation>Kontoen, beskederne sendes gennem; skift den under Kontrollér og send</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Filer</translation>
    </message>
    <message>
        <source>&amp;Open recipients…</source>
        <translation>&amp;Åbn modtagere…</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>&amp;Eksportér resultater…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afslut</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gå til</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Send</translation>
    </message>
    <message>
        <source>&amp;Send…</source>
        <translation>&amp;Send…</translation>
    </message>
    <message>
        <source>Review the totals and send (asks before anything goes out)</source>
        <translation>Se tallene og send (spørger, før noget bliver sendt)</translation>
    </message>
    <message>
        <source>Send a &amp;test to my number</source>
        <translation>Send en &amp;test til mit nummer</translation>
    </message>
    <message>
        <source>&amp;Pause / resume</source>
        <translation>&amp;Pause / genoptag</translation>
    </message>
    <message>
        <source>&amp;Refresh delivery status</source>
        <translation>&amp;Opdatér leveringsstatus</translation>
    </message>
    <message>
        <source>&amp;Manage accounts…</source>
        <translation>&amp;Administrér konti…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjælp</translation>
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
        <translation>&lt;b&gt;SMSDesk {version}&lt;/b&gt;&lt;br&gt;Masse-SMS fra et regneark, hvor hver besked følges.&lt;br&gt;&lt;br&gt;Den indbyggede Sandbox-konto sender ikke noget rigtigt: prøv det hele med den først.</translation>
    </message>
    <message numerus="yes">
        <source>Interrupted campaigns still waiting in History: %n.</source>
        <translation>
            <numerusform>Afbrudte udsendelser, der stadig venter i Historik: %n.</numerusform>
            <numerusform>Afbrudte udsendelser, der stadig venter i Historik: %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit with an unsent message?</source>
        <translation>Afslut med en besked, der ikke er sendt?</translation>
    </message>
    <message>
        <source>The message you wrote has not been sent. It is kept, with the open file, and comes back the next time you start SMSDesk.</source>
        <translation>Den besked, du har skrevet, er ikke sendt. Den gemmes sammen med den åbne fil og kommer igen, næste gang du starter SMSDesk.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Afslut</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Bliv</translation>
    </message>
    <message>
        <source>A send is running</source>
        <translation>En udsendelse er i gang</translation>
    </message>
    <message>
        <source>Messages are still being sent. Stop now?

The messages not sent yet stay pending: you can resume them from History, and nobody gets a message twice.</source>
        <translation>Der bliver stadig sendt beskeder. Vil du stoppe nu?

De beskeder, der ikke er sendt endnu, venter: du kan genoptage dem fra Historik, og ingen får en besked to gange.</translation>
    </message>
    <message>
        <source>Stop and quit</source>
        <translation>Stop og afslut</translation>
    </message>
    <message>
        <source>Keep sending</source>
        <translation>Fortsæt med at sende</translation>
    </message>
    <message>
        <source>Stopping the send after the request in flight…</source>
        <translation>Stopper udsendelsen efter den igangværende forespørgsel…</translation>
    </message>
</context>
<context>
    <name>MessageEditor</name>
    <message>
        <source>This character makes the whole message Unicode (70 characters per SMS)</source>
        <translation>Dette tegn gør hele beskeden til Unicode (70 tegn pr. SMS)</translation>
    </message>
    <message>
        <source>Write the message here. Click a column name above to put a placeholder in the text, e.g. Hi {Name}, your table is ready.</source>
        <translation>Skriv beskeden her. Klik på et kolonnenavn ovenfor for at sætte et flettefelt ind, fx Hej {Navn}, dit bord er klar.</translation>
    </message>
</context>
<context>
    <name>MessagePage</name>
    <message>
        <source>Open a file in Recipients to get its columns as placeholders.</source>
        <translation>Åbn en fil under Modtagere for at få dens kolonner som flettefelter.</translation>
    </message>
    <message>
        <source>Characters in the message as the previewed recipient gets it</source>
        <translation>Tegn i beskeden, som den viste modtager får den</translation>
    </message>
    <message>
        <source>GSM-7 fits 160 characters in one SMS; Unicode only 70</source>
        <translation>GSM-7 giver plads til 160 tegn i én SMS; Unicode kun 70</translation>
    </message>
    <message>
        <source>How many SMS one message is billed as</source>
        <translation>Hvor mange SMS én besked afregnes som</translation>
    </message>
    <message>
        <source>Characters left before the message needs another SMS</source>
        <translation>Tegn tilbage, før beskeden kræver endnu en SMS</translation>
    </message>
    <message>
        <source>Replace with GSM look-alikes</source>
        <translation>Erstat med GSM-tegn, der ligner</translation>
    </message>
    <message>
        <source>Swap curly quotes, long dashes and similar for their plain GSM twins (Ctrl+Z undoes it)</source>
        <translation>Skift krøllede anførselstegn, lange tankestreger og lignende ud med deres almindelige GSM-tvillinger (Ctrl+Z fortryder)</translation>
    </message>
    <message>
        <source>Saved messages: pick one to put it in the editor</source>
        <translation>Gemte beskeder: vælg én for at sætte den ind i feltet</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Gem…</translation>
    </message>
    <message>
        <source>Keep this message for next time</source>
        <translation>Gem beskeden til næste gang</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Slet</translation>
    </message>
    <message>
        <source>Forget the chosen saved message</source>
        <translation>Glem den valgte gemte besked</translation>
    </message>
    <message>
        <source>Placeholders</source>
        <translation>Flettefelter</translation>
    </message>
    <message>
        <source>Previous recipient (Alt+Left)</source>
        <translation>Forrige modtager (Alt+Venstre)</translation>
    </message>
    <message>
        <source>Next recipient (Alt+Right)</source>
        <translation>Næste modtager (Alt+Højre)</translation>
    </message>
    <message>
        <source>←  Recipients</source>
        <translation>←  Modtagere</translation>
    </message>
    <message>
        <source>Next: review and send  →</source>
        <translation>Næste: kontrollér og send  →</translation>
    </message>
    <message>
        <source>Check the totals before anything is sent (Ctrl+3)</source>
        <translation>Tjek tallene, før noget bliver sendt (Ctrl+3)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Besked</translation>
    </message>
    <message>
        <source>Insert the {column} column of each row here</source>
        <translation>Indsæt kolonnen {column} fra hver række her</translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s)</source>
        <translation>
            <numerusform>%Ln tegn</numerusform>
            <numerusform>%Ln tegn</numerusform>
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
        <translation>{count} tegn tilbage</translation>
    </message>
    <message>
        <source>{count} per SMS</source>
        <translation>{count} pr. SMS</translation>
    </message>
    <message>
        <source> and {count} more</source>
        <translation> og {count} mere</translation>
    </message>
    <message>
        <source>Unicode because of {characters}: each SMS holds 70 characters instead of 160, so this message may cost more.</source>
        <translation>Unicode på grund af {characters}: hver SMS rummer 70 tegn i stedet for 160, så beskeden kan blive dyrere.</translation>
    </message>
    <message>
        <source>None of them has a GSM look-alike; remove them to save cost.</source>
        <translation>Ingen af dem har et GSM-tegn, der ligner; fjern dem for at spare.</translation>
    </message>
    <message>
        <source>Replace {pairs}</source>
        <translation>Erstat {pairs}</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Forhåndsvisning</translation>
    </message>
    <message>
        <source>Open a file in Recipients to preview each person&apos;s message.</source>
        <translation>Åbn en fil under Modtagere for at se hver persons besked.</translation>
    </message>
    <message>
        <source>Preview: recipient {number} of {count}</source>
        <translation>Forhåndsvisning: modtager {number} af {count}</translation>
    </message>
    <message>
        <source>{number} · row {row}</source>
        <translation>{number} · række {row}</translation>
    </message>
    <message>
        <source>no value for {placeholders}</source>
        <translation>intet indhold i {placeholders}</translation>
    </message>
    <message>
        <source>Counted for the previewed recipient ({position} of {total}):</source>
        <translation>Talt for den viste modtager ({position} af {total}):</translation>
    </message>
    <message numerus="yes">
        <source>Counting SMS for all %Ln recipient(s)…</source>
        <translation>
            <numerusform>Tæller SMS for %Ln modtager…</numerusform>
            <numerusform>Tæller SMS for alle %Ln modtagere…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>For all %Ln recipient(s):</source>
        <translation>
            <numerusform>For %Ln modtager:</numerusform>
            <numerusform>For alle %Ln modtagere:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln SMS in total</source>
        <translation>
            <numerusform>%Ln SMS i alt</numerusform>
            <numerusform>%Ln SMS i alt</numerusform>
        </translation>
    </message>
    <message>
        <source>, up to {count} per person</source>
        <translation>, op til {count} pr. person</translation>
    </message>
    <message numerus="yes">
        <source>; %Ln message(s) in Unicode</source>
        <translation>
            <numerusform>; %Ln besked i Unicode</numerusform>
            <numerusform>; %Ln beskeder i Unicode</numerusform>
        </translation>
    </message>
    <message>
        <source> and {0} more</source>
        <translation> og {0} mere</translation>
    </message>
    <message>
        <source>Rows {0}: longer than {1} characters, the most the chosen account&apos;s provider takes.</source>
        <translation>Rækker {0}: længere end {1} tegn, som er det meste, udbyderen for den valgte konto tager imod.</translation>
    </message>
    <message>
        <source>Choose a saved message…</source>
        <translation>Vælg en gemt besked…</translation>
    </message>
    <message>
        <source>No saved messages yet</source>
        <translation>Ingen gemte beskeder endnu</translation>
    </message>
    <message>
        <source>Replace the message in the editor?</source>
        <translation>Erstat beskeden i feltet?</translation>
    </message>
    <message>
        <source>The editor holds a message that is not saved. Replace it with “{name}”? (Ctrl+Z in the editor brings it back.)</source>
        <translation>Feltet indeholder en besked, der ikke er gemt. Vil du erstatte den med “{name}”? (Ctrl+Z i feltet henter den tilbage.)</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Erstat</translation>
    </message>
    <message>
        <source>Keep my text</source>
        <translation>Behold min tekst</translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>Intet at gemme</translation>
    </message>
    <message>
        <source>Write a message first.</source>
        <translation>Skriv en besked først.</translation>
    </message>
    <message>
        <source>Save message</source>
        <translation>Gem besked</translation>
    </message>
    <message>
        <source>Name for this message:</source>
        <translation>Navn på beskeden:</translation>
    </message>
    <message>
        <source>Replace the saved message?</source>
        <translation>Erstat den gemte besked?</translation>
    </message>
    <message>
        <source>A saved message called “{name}” exists. Replace it with the text in the editor?</source>
        <translation>Der findes allerede en gemt besked, der hedder “{name}”. Vil du erstatte den med teksten i feltet?</translation>
    </message>
    <message>
        <source>Keep the old one</source>
        <translation>Behold den gamle</translation>
    </message>
    <message>
        <source>Delete the saved message?</source>
        <translation>Slet den gemte besked?</translation>
    </message>
    <message>
        <source>Delete the saved message “{name}”? This cannot be undone.</source>
        <translation>Slet den gemte besked “{name}”? Det kan ikke fortrydes.</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Behold den</translation>
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
        <translation>Annullér</translation>
    </message>
    <message>
        <source>Resume interrupted sends?</source>
        <translation>Genoptag afbrudte udsendelser?</translation>
    </message>
    <message>
        <source>These campaigns stopped before every message went out:</source>
        <translation>Disse udsendelser stoppede, før alle beskeder var sendt:</translation>
    </message>
    <message>
        <source>Resuming sends only the messages that were never sent. Messages whose outcome is unknown are not sent again unless you ask in Results.</source>
        <translation>Når du genoptager, sendes kun de beskeder, der aldrig blev sendt. Beskeder med ukendt udfald sendes ikke igen, medmindre du beder om det under Resultater.</translation>
    </message>
    <message>
        <source>Show and resume</source>
        <translation>Vis og genoptag</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ikke nu</translation>
    </message>
</context>
<context>
    <name>ReadingNotice</name>
    <message>
        <source>a line that is not valid UTF-8 in a UTF-8 file</source>
        <translation>en linje, der ikke er gyldig UTF-8, i en UTF-8-fil</translation>
    </message>
    <message>
        <source>read as Windows cp1252</source>
        <translation>læst som Windows cp1252</translation>
    </message>
    <message>
        <source>a quote (&quot;) is opened and never closed</source>
        <translation>et citationstegn (&quot;) åbnes og lukkes aldrig</translation>
    </message>
    <message>
        <source>read this row up to the end of its line, the quote as text; the rows after it as usual</source>
        <translation>rækken er læst til enden af linjen med citationstegnet som tekst; rækkerne efter den som normalt</translation>
    </message>
    <message>
        <source>read as empty; open the file in Excel and save it again to get the values</source>
        <translation>læst som tom; åbn filen i Excel, og gem den igen for at få værdierne</translation>
    </message>
    <message>
        <source>a cell of {length} characters</source>
        <translation>en celle på {length} tegn</translation>
    </message>
    <message numerus="yes">
        <source>%Ln formula cell(s) with no saved value (the file was saved by a program that does not calculate)</source>
        <translation>
            <numerusform>%Ln formelcelle uden gemt værdi (filen er gemt af et program, der ikke regner)</numerusform>
            <numerusform>%Ln formelceller uden gemt værdi (filen er gemt af et program, der ikke regner)</numerusform>
        </translation>
    </message>
    <message>
        <source>cut to Excel&apos;s limit of {limit}</source>
        <translation>skåret til Excels grænse på {limit}</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>no phone number</source>
        <translation>intet telefonnummer</translation>
    </message>
    <message>
        <source>opted out (on the opt-out list)</source>
        <translation>afmeldt (på afmeldingslisten)</translation>
    </message>
    <message>
        <source>not a phone number</source>
        <translation>ikke et telefonnummer</translation>
    </message>
    <message>
        <source>too short</source>
        <translation>for kort</translation>
    </message>
    <message>
        <source>too long</source>
        <translation>for langt</translation>
    </message>
    <message>
        <source>unknown country code</source>
        <translation>ukendt landekode</translation>
    </message>
    <message>
        <source>a value, not a phone number</source>
        <translation>en værdi, ikke et telefonnummer</translation>
    </message>
    <message>
        <source>a date, not a phone number</source>
        <translation>en dato, ikke et telefonnummer</translation>
    </message>
    <message>
        <source>a date and time, not a phone number</source>
        <translation>en dato og et klokkeslæt, ikke et telefonnummer</translation>
    </message>
    <message>
        <source>a time, not a phone number</source>
        <translation>et klokkeslæt, ikke et telefonnummer</translation>
    </message>
    <message>
        <source>a duration, not a phone number</source>
        <translation>en varighed, ikke et telefonnummer</translation>
    </message>
    <message>
        <source>a TRUE/FALSE value, not a phone number</source>
        <translation>en SAND/FALSK-værdi, ikke et telefonnummer</translation>
    </message>
    <message>
        <source>an amount, not a phone number</source>
        <translation>et beløb, ikke et telefonnummer</translation>
    </message>
    <message>
        <source>a negative number, not a phone number</source>
        <translation>et negativt tal, ikke et telefonnummer</translation>
    </message>
    <message>
        <source>SMSDesk stopped while this message was being sent (crash, kill or power cut): the provider may or may not have accepted it, so it is not sent again unless you ask</source>
        <translation>SMSDesk stoppede, mens beskeden blev sendt (nedbrud, lukning eller strømsvigt): udbyderen har måske modtaget den, måske ikke, så den sendes ikke igen, medmindre du beder om det</translation>
    </message>
    <message>
        <source>Campaign {id} is not scheduled</source>
        <translation>Udsendelse {id} er ikke planlagt</translation>
    </message>
    <message>
        <source>Campaign {id} is no longer waiting for its time</source>
        <translation>Udsendelse {id} venter ikke længere på sit tidspunkt</translation>
    </message>
    <message>
        <source>Campaign {id} was due at {when}: it has been sent</source>
        <translation>Udsendelse {id} skulle sendes {when}: den er sendt</translation>
    </message>
    <message>
        <source>The account {account} no longer exists: add it again to cancel</source>
        <translation>Kontoen {account} findes ikke længere: tilføj den igen for at annullere</translation>
    </message>
    <message>
        <source>{file}: file not found ({path})</source>
        <translation>{file}: filen findes ikke ({path})</translation>
    </message>
    <message>
        <source>{file}: permission denied; is it open in another program?</source>
        <translation>{file}: adgang nægtet; er den åben i et andet program?</translation>
    </message>
    <message>
        <source>{file}: is empty</source>
        <translation>{file}: er tom</translation>
    </message>
    <message>
        <source>{file}: is a folder, not a file</source>
        <translation>{file}: er en mappe, ikke en fil</translation>
    </message>
    <message>
        <source>{file}: is not a text (CSV) file; it looks like binary data</source>
        <translation>{file}: er ikke en tekstfil (CSV); den ligner binære data</translation>
    </message>
    <message>
        <source>duplicate of row {row}</source>
        <translation>dublet af række {row}</translation>
    </message>
    <message>
        <source>not valid for its country ({country})</source>
        <translation>ikke gyldigt i sit land ({country})</translation>
    </message>
    <message>
        <source>damaged by Excel (scientific notation {value} lost digits)</source>
        <translation>ødelagt af Excel (videnskabelig notation {value} har mistet cifre)</translation>
    </message>
    <message>
        <source>{provider}&apos;s answer did not mention this message; it may have been accepted</source>
        <translation>{provider}s svar nævnte ikke denne besked; den kan være modtaget</translation>
    </message>
    <message>
        <source>{provider} did not accept this message</source>
        <translation>{provider} tog ikke imod denne besked</translation>
    </message>
    <message>
        <source>Gave up after {attempts} attempts: {reason}</source>
        <translation>Opgav efter {attempts} forsøg: {reason}</translation>
    </message>
    <message>
        <source>{provider} could not be reached: {reason}</source>
        <translation>Kunne ikke få forbindelse til {provider}: {reason}</translation>
    </message>
    <message>
        <source>{provider} keeps asking us to slow down; try again later</source>
        <translation>{provider} beder os hele tiden om at sænke farten; prøv igen senere</translation>
    </message>
    <message>
        <source>CPSMS cancels a scheduled SMS only more than 10 minutes before its time</source>
        <translation>CPSMS annullerer kun en planlagt SMS mere end 10 minutter før dens tidspunkt</translation>
    </message>
    <message>
        <source>iP.1 cancels a batch only before its delivery window opens</source>
        <translation>iP.1 annullerer kun en forsendelse, før dens leveringsvindue åbner</translation>
    </message>
    <message>
        <source>Txty v6 has no way to cancel a scheduled message: once handed over, it will be sent</source>
        <translation>Txty v6 kan ikke annullere en planlagt besked: når den er afleveret, bliver den sendt</translation>
    </message>
    <message>
        <source>Sandbox (no real SMS)</source>
        <translation>Sandbox (ingen rigtige SMS)</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-nøgle</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API-token</translation>
    </message>
    <message>
        <source>API key (v1: password)</source>
        <translation>API-nøgle (v1: adgangskode)</translation>
    </message>
    <message>
        <source>sandbox key</source>
        <translation>sandkassenøgle</translation>
    </message>
    <message>
        <source>optional, up to 11 characters</source>
        <translation>valgfri, op til 11 tegn</translation>
    </message>
    <message>
        <source>customersms.pro does not let you choose a sender name</source>
        <translation>customersms.pro lader dig ikke vælge et afsendernavn</translation>
    </message>
    <message>
        <source>3 to 11 letters/digits (A-Z, a-z, 0-9), or a number of up to 15 digits; registered with iP.1</source>
        <translation>3 til 11 bogstaver/cifre (A-Z, a-z, 0-9) eller et nummer på op til 15 cifre; registreret hos iP.1</translation>
    </message>
    <message>
        <source>up to 11 letters/digits, or up to 15 digits (optional; nothing is really sent)</source>
        <translation>op til 11 bogstaver/cifre eller op til 15 cifre (valgfri; intet bliver sendt i virkeligheden)</translation>
    </message>
    <message>
        <source>up to 11 letters/digits, or up to 15 digits (required)</source>
        <translation>op til 11 bogstaver/cifre eller op til 15 cifre (skal udfyldes)</translation>
    </message>
    <message>
        <source>up to 11 letters/digits, or up to 15 digits (empty: the account&apos;s default sender)</source>
        <translation>op til 11 bogstaver/cifre eller op til 15 cifre (tom: kontoens standardafsender)</translation>
    </message>
    <message>
        <source>Install and unlock gnome-keyring (or another Secret Service such as KeePassXC, or KDE Wallet), then start SMSDesk again from your desktop session.</source>
        <translation>Installér og lås gnome-keyring op (eller en anden Secret Service som KeePassXC eller KDE Wallet), og start så SMSDesk igen fra dit skrivebord.</translation>
    </message>
    <message>
        <source>SMSDesk could not reach the macOS Keychain; make sure you are logged in to a desktop session.</source>
        <translation>SMSDesk kunne ikke nå macOS&apos; nøglering; sørg for, at du er logget ind på skrivebordet.</translation>
    </message>
    <message>
        <source>SMSDesk could not reach Windows Credential Manager; make sure you are logged in to Windows.</source>
        <translation>SMSDesk kunne ikke nå Windows&apos; Legitimationsstyring; sørg for, at du er logget ind i Windows.</translation>
    </message>
</context>
<context>
    <name>RecipientsPage</name>
    <message>
        <source>Invalid number</source>
        <translation>Ugyldigt nummer</translation>
    </message>
    <message>
        <source>No number</source>
        <translation>Intet nummer</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dublet</translation>
    </message>
    <message>
        <source>Opted out</source>
        <translation>Afmeldt</translation>
    </message>
    <message>
        <source>Type or paste numbers…</source>
        <translation>Skriv eller indsæt numre…</translation>
    </message>
    <message>
        <source>Send to a few numbers without a spreadsheet</source>
        <translation>Send til nogle få numre uden et regneark</translation>
    </message>
    <message>
        <source>20 12 34 56
+46 70 123 45 67
…</source>
        <translation>20 12 34 56
+46 70 123 45 67
…</translation>
    </message>
    <message>
        <source>Use these numbers</source>
        <translation>Brug disse numre</translation>
    </message>
    <message>
        <source>One number per line, or separated by commas or semicolons.</source>
        <translation>Ét nummer pr. linje, eller adskilt med komma eller semikolon.</translation>
    </message>
    <message>
        <source>No file yet.</source>
        <translation>Ingen fil endnu.</translation>
    </message>
    <message>
        <source>The sheet of the workbook to read</source>
        <translation>Det ark i projektmappen, der skal læses</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>Ark:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annullér</translation>
    </message>
    <message>
        <source>Stop reading the file</source>
        <translation>Stop indlæsningen af filen</translation>
    </message>
    <message>
        <source>The column that holds the phone numbers (detected automatically)</source>
        <translation>Kolonnen med telefonnumrene (findes automatisk)</translation>
    </message>
    <message>
        <source>Numbers written without a country code (e.g. 20 12 34 56) are read as numbers of this country</source>
        <translation>Numre uden landekode (fx 20 12 34 56) læses som numre i dette land</translation>
    </message>
    <message>
        <source>Phone numbers in column:</source>
        <translation>Telefonnumre i kolonne:</translation>
    </message>
    <message>
        <source>Numbers without country code are in:</source>
        <translation>Numre uden landekode er fra:</translation>
    </message>
    <message>
        <source>will get the message</source>
        <translation>får beskeden</translation>
    </message>
    <message>
        <source>Unique valid numbers: one message each</source>
        <translation>Unikke gyldige numre: én besked hver</translation>
    </message>
    <message>
        <source>duplicates</source>
        <translation>dubletter</translation>
    </message>
    <message>
        <source>Same number as an earlier row (after normalising); skipped</source>
        <translation>Samme nummer som en tidligere række (efter ensretning); springes over</translation>
    </message>
    <message>
        <source>invalid or empty</source>
        <translation>ugyldige eller tomme</translation>
    </message>
    <message>
        <source>Not a phone number, or no number in the row; skipped</source>
        <translation>Ikke et telefonnummer, eller intet nummer i rækken; springes over</translation>
    </message>
    <message>
        <source>opted out</source>
        <translation>afmeldt</translation>
    </message>
    <message>
        <source>On your opt-out list (Settings); skipped</source>
        <translation>På din afmeldingsliste (Indstillinger); springes over</translation>
    </message>
    <message>
        <source>The first rows as they were read: check the columns look right</source>
        <translation>De første rækker, som de blev læst: tjek at kolonnerne ser rigtige ud</translation>
    </message>
    <message>
        <source>What was read</source>
        <translation>Det blev læst</translation>
    </message>
    <message>
        <source>Filter skipped rows…</source>
        <translation>Filtrér oversprungne rækker…</translation>
    </message>
    <message>
        <source>All reasons</source>
        <translation>Alle årsager</translation>
    </message>
    <message>
        <source>Skipped rows</source>
        <translation>Oversprungne rækker</translation>
    </message>
    <message>
        <source>Nothing is sent from this step. After reading the file SMSDesk shows the first rows, the column it uses for phone numbers and every row it will skip, with the row number you see in Excel.</source>
        <translation>Der bliver ikke sendt noget fra dette trin. Når filen er læst, viser SMSDesk de første rækker, kolonnen med telefonnumre og hver række, der springes over, med det rækkenummer, du ser i Excel.</translation>
    </message>
    <message>
        <source>Next: write the message  →</source>
        <translation>Næste: skriv beskeden  →</translation>
    </message>
    <message>
        <source>Go on to the message (Ctrl+2)</source>
        <translation>Gå videre til beskeden (Ctrl+2)</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Modtagere</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Række</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Værdi</translation>
    </message>
    <message>
        <source>Why it is skipped</source>
        <translation>Hvorfor den springes over</translation>
    </message>
    <message>
        <source>Open recipients</source>
        <translation>Åbn modtagere</translation>
    </message>
    <message>
        <source>Spreadsheets and text files (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.ods);;All files (*)</source>
        <translation>Regneark og tekstfiler (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.ods);;Alle filer (*)</translation>
    </message>
    <message>
        <source>{file}: SMSDesk reads {kinds} files; save the list in one of those formats.</source>
        <translation>{file}: SMSDesk læser {kinds}-filer; gem listen i et af de formater.</translation>
    </message>
    <message>
        <source>Type or paste at least one number first.</source>
        <translation>Skriv eller indsæt mindst ét nummer først.</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Typed numbers</source>
        <translation>Indtastede numre</translation>
    </message>
    <message>
        <source>Reading &lt;b&gt;{file}&lt;/b&gt;…</source>
        <translation>Læser &lt;b&gt;{file}&lt;/b&gt;…</translation>
    </message>
    <message>
        <source>Reading was cancelled.</source>
        <translation>Indlæsningen blev annulleret.</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>Filen kunne ikke læses.</translation>
    </message>
    <message numerus="yes">
        <source>What was read — first {shown} of %Ln row(s)</source>
        <translation>
            <numerusform>Det blev læst — de første {shown} af %Ln række</numerusform>
            <numerusform>Det blev læst — de første {shown} af %Ln rækker</numerusform>
        </translation>
    </message>
    <message>
        <source>{file} has a header row but no rows of recipients under it.</source>
        <translation>{file} har en overskriftsrække, men ingen rækker med modtagere under den.</translation>
    </message>
    <message>
        <source>No column looks like phone numbers. Choose the phone column above (or check the file has a header row).</source>
        <translation>Ingen kolonne ligner telefonnumre. Vælg telefonkolonnen ovenfor (eller tjek, at filen har en overskriftsrække).</translation>
    </message>
    <message>
        <source>Row {0}: {1}: {2}</source>
        <translation>Række {0}: {1}: {2}</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>… og {0} mere</translation>
    </message>
    <message>
        <source>While reading the file:</source>
        <translation>Under indlæsning af filen:</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln række</numerusform>
            <numerusform>%Ln rækker</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln column(s)</source>
        <translation>
            <numerusform>%Ln kolonne</numerusform>
            <numerusform>%Ln kolonner</numerusform>
        </translation>
    </message>
    <message>
        <source>comma</source>
        <translation>komma</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>semikolon</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>tabulator</translation>
    </message>
    <message>
        <source>bar</source>
        <translation>lodret streg</translation>
    </message>
    <message>
        <source>separated by {delimiter}</source>
        <translation>adskilt med {delimiter}</translation>
    </message>
    <message>
        <source>header on row {row}</source>
        <translation>overskrift i række {row}</translation>
    </message>
    <message>
        <source>Recipients from sheet &apos;{0}&apos; ({1} of {2})</source>
        <translation>Modtagere fra arket &apos;{0}&apos; ({1} af {2})</translation>
    </message>
    <message>
        <source>Checking the numbers…</source>
        <translation>Tjekker numrene…</translation>
    </message>
    <message>
        <source>Open a file to begin.</source>
        <translation>Åbn en fil for at begynde.</translation>
    </message>
    <message>
        <source>Skipped rows ({count})</source>
        <translation>Oversprungne rækker ({count})</translation>
    </message>
    <message>
        <source>Skipped rows — none</source>
        <translation>Oversprungne rækker — ingen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) ready.</source>
        <translation>
            <numerusform>%Ln modtager klar.</numerusform>
            <numerusform>%Ln modtagere klar.</numerusform>
        </translation>
    </message>
    <message>
        <source>No valid phone numbers: check the phone column and the country.</source>
        <translation>Ingen gyldige telefonnumre: tjek telefonkolonnen og landet.</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>Row</source>
        <translation>Række</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
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
        <translation>Levering</translation>
    </message>
    <message>
        <source>Provider id</source>
        <translation>Udbyder-id</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Pris</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fejl</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Leveret</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>Ikke leveret</translation>
    </message>
    <message>
        <source>Waiting for receipt</source>
        <translation>Venter på kvittering</translation>
    </message>
    <message>
        <source>The row number in your file, as Excel shows it</source>
        <translation>Rækkenummeret i din fil, som Excel viser det</translation>
    </message>
    <message>
        <source>Sent = accepted by the provider; Unknown = the answer was lost, it may have been sent</source>
        <translation>Sendt = modtaget af udbyderen; Ukendt = svaret gik tabt, den kan være sendt</translation>
    </message>
    <message>
        <source>What the phone network reported later, where the provider can be asked</source>
        <translation>Hvad telefonnettet meldte senere, hvor udbyderen kan spørges</translation>
    </message>
    <message>
        <source>SMS parts the message is billed as</source>
        <translation>Antal SMS, beskeden afregnes som</translation>
    </message>
    <message>
        <source>What the provider reported for this message</source>
        <translation>Hvad udbyderen oplyste for denne besked</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>All messages</source>
        <translation>Alle beskeder</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sendt</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Leveret</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fejlet</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>Ikke leveret</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Ukendt</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Sprunget over</translation>
    </message>
    <message>
        <source>Ready to send</source>
        <translation>Klar til at sende</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Planlagt</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sendes</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>På pause</translation>
    </message>
    <message>
        <source>Cancelled — the rest can be resumed</source>
        <translation>Annulleret — resten kan genoptages</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Færdig</translation>
    </message>
    <message>
        <source>Interrupted — the rest can be resumed</source>
        <translation>Afbrudt — resten kan genoptages</translation>
    </message>
    <message>
        <source>Closed (the rest was discarded)</source>
        <translation>Afsluttet (resten blev opgivet)</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulleret</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Afbrudt</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Resultater</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Stop after the requests in flight; resume any time (Ctrl+P)</source>
        <translation>Stop efter de igangværende forespørgsler; genoptag når som helst (Ctrl+P)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annullér</translation>
    </message>
    <message>
        <source>Stop sending; what is not sent yet stays pending and can be resumed</source>
        <translation>Stop udsendelsen; det, der ikke er sendt endnu, venter og kan genoptages</translation>
    </message>
    <message>
        <source>Resume sending</source>
        <translation>Genoptag udsendelsen</translation>
    </message>
    <message>
        <source>Send the messages that are still pending (never the sent or unknown ones)</source>
        <translation>Send de beskeder, der stadig venter (aldrig de sendte eller ukendte)</translation>
    </message>
    <message>
        <source>Send the failed messages again</source>
        <translation>Send de fejlede beskeder igen</translation>
    </message>
    <message>
        <source>Retry unknown…</source>
        <translation>Send ukendte igen…</translation>
    </message>
    <message>
        <source>Messages whose answer was lost may already have arrived: retrying may text them twice</source>
        <translation>Beskeder, hvor svaret gik tabt, kan allerede være nået frem: prøver du igen, kan de få den to gange</translation>
    </message>
    <message>
        <source>Check with provider</source>
        <translation>Spørg udbyderen</translation>
    </message>
    <message>
        <source>Ask the provider which of the unknown messages it received (nothing is sent)</source>
        <translation>Spørg udbyderen, hvilke af de ukendte beskeder den har modtaget (intet bliver sendt)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Eksportér…</translation>
    </message>
    <message>
        <source>Save every row with its status to CSV or Excel (Ctrl+E)</source>
        <translation>Gem hver række med dens status som CSV eller Excel (Ctrl+E)</translation>
    </message>
    <message>
        <source>Cancel scheduled send…</source>
        <translation>Annullér planlagt udsendelse…</translation>
    </message>
    <message>
        <source>Take the scheduled messages back (at the provider where it holds them) before they go out</source>
        <translation>Træk de planlagte beskeder tilbage (hos udbyderen, hvis den har dem), før de bliver sendt</translation>
    </message>
    <message>
        <source>Refresh delivery</source>
        <translation>Tjek levering</translation>
    </message>
    <message>
        <source>Ask the provider which messages reached the phone (F5)</source>
        <translation>Spørg udbyderen, hvilke beskeder der nåede frem (F5)</translation>
    </message>
    <message>
        <source>Show only messages in this state</source>
        <translation>Vis kun beskeder med denne status</translation>
    </message>
    <message>
        <source>Search number, name, error…</source>
        <translation>Søg nummer, navn, fejl…</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Vis:</translation>
    </message>
    <message>
        <source>Nothing sent yet. Results appear here as soon as you send from Review &amp; send, or when you open a campaign from History.</source>
        <translation>Intet sendt endnu. Resultaterne vises her, så snart du sender fra Kontrollér og send, eller når du åbner en udsendelse fra Historik.</translation>
    </message>
    <message>
        <source>A send is running</source>
        <translation>En udsendelse er i gang</translation>
    </message>
    <message>
        <source>Campaign {id} is still sending. Pause or cancel it before opening another.</source>
        <translation>Udsendelse {id} er stadig i gang. Sæt den på pause eller annullér den, før du åbner en anden.</translation>
    </message>
    <message>
        <source>Loading campaign {id}…</source>
        <translation>Henter udsendelse {id}…</translation>
    </message>
    <message>
        <source>Results — {campaign}</source>
        <translation>Resultater — {campaign}</translation>
    </message>
    <message>
        <source>Campaign {id} · created {created} · account {account}</source>
        <translation>Udsendelse {id} · oprettet {created} · konto {account}</translation>
    </message>
    <message>
        <source>(sandbox: no real SMS)</source>
        <translation>(sandkasse: ingen rigtige SMS)</translation>
    </message>
    <message>
        <source>Scheduled for {when}</source>
        <translation>Planlagt til {when}</translation>
    </message>
    <message>
        <source>Still up to date?</source>
        <translation>Stadig aktuel?</translation>
    </message>
    <message>
        <source>This campaign may be out of date: {reasons}.

The text:
{text}

Send it as it is?</source>
        <translation>Denne udsendelse er måske ikke længere aktuel: {reasons}.

Teksten:
{text}

Send den, som den er?</translation>
    </message>
    <message>
        <source>Send it as it is</source>
        <translation>Send den, som den er</translation>
    </message>
    <message>
        <source>Another SMSDesk is sending this campaign</source>
        <translation>En anden SMSDesk sender denne udsendelse</translation>
    </message>
    <message>
        <source>Wait and resume</source>
        <translation>Vent og genoptag</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ikke nu</translation>
    </message>
    <message>
        <source>Waiting for the other SMSDesk to stop sending…</source>
        <translation>Venter på, at den anden SMSDesk holder op med at sende…</translation>
    </message>
    <message>
        <source>the provider</source>
        <translation>udbyderen</translation>
    </message>
    <message>
        <source>Sending has ended: once the connection works again, resume the campaign or retry the failed messages.</source>
        <translation>Udsendelsen er stoppet: når forbindelsen virker igen, så genoptag udsendelsen eller send de fejlede igen.</translation>
    </message>
    <message>
        <source>Next try at {time}.</source>
        <translation>Næste forsøg kl. {time}.</translation>
    </message>
    <message>
        <source>Trying again shortly.</source>
        <translation>Prøver igen om lidt.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{who} cannot be reached.&lt;/b&gt; Check the internet connection, a proxy or firewall that may block SMSDesk, and the account&apos;s web address (Settings → Manage accounts). SMSDesk keeps trying in the background and sends nobody twice. {when}</source>
        <translation>&lt;b&gt;Der er ingen forbindelse til {who}.&lt;/b&gt; Tjek internetforbindelsen, en proxy eller firewall, der kan blokere SMSDesk, og kontoens webadresse (Indstillinger → Administrér konti). SMSDesk bliver ved med at prøve i baggrunden og sender ikke til nogen to gange. {when}</translation>
    </message>
    <message>
        <source>Stopped: {reason}</source>
        <translation>Stoppet: {reason}</translation>
    </message>
    <message>
        <source>Sending stopped</source>
        <translation>Udsendelsen stoppede</translation>
    </message>
    <message>
        <source>Cancel sending?</source>
        <translation>Annullér udsendelsen?</translation>
    </message>
    <message>
        <source>Stop sending now? Messages not sent yet stay pending: you can resume them later from History.</source>
        <translation>Stop udsendelsen nu? Beskeder, der ikke er sendt endnu, venter: du kan genoptage dem senere fra Historik.</translation>
    </message>
    <message>
        <source>Stop sending</source>
        <translation>Stop udsendelsen</translation>
    </message>
    <message>
        <source>Keep sending</source>
        <translation>Fortsæt med at sende</translation>
    </message>
    <message>
        <source>Retry failed messages?</source>
        <translation>Send fejlede beskeder igen?</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) failed: the provider refused them or could not be reached. Sending again texts those people again; check the errors first (a wrong number fails again).</source>
        <translation>
            <numerusform>%n besked fejlede: udbyderen afviste den eller kunne ikke nås. Sender du igen, får personen en besked igen; tjek fejlen først (et forkert nummer fejler igen).</numerusform>
            <numerusform>%n beskeder fejlede: udbyderen afviste dem eller kunne ikke nås. Sender du igen, får de personer en besked igen; tjek fejlene først (et forkert nummer fejler igen).</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry unknown messages?</source>
        <translation>Prøv ukendte beskeder igen?</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) may already have reached the phone: the provider&apos;s answer was lost (timeout, connection dropped, crash). Sending again may text those people twice.

Check the provider&apos;s own log first if you can.</source>
        <translation>
            <numerusform>%Ln besked kan allerede være nået frem: udbyderens svar gik tabt (timeout, afbrudt forbindelse, nedbrud). Sender du igen, kan personen få den to gange.

Tjek udbyderens egen log først, hvis du kan.</numerusform>
            <numerusform>%Ln beskeder kan allerede være nået frem: udbyderens svar gik tabt (timeout, afbrudt forbindelse, nedbrud). Sender du igen, kan de personer få dem to gange.

Tjek udbyderens egen log først, hvis du kan.</numerusform>
        </translation>
    </message>
    <message>
        <source>Send them again</source>
        <translation>Send dem igen</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Venter</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stoppet</translation>
    </message>
    <message>
        <source>Retry failed…</source>
        <translation>Send fejlede igen…</translation>
    </message>
    <message>
        <source>Don&apos;t send</source>
        <translation>Send ikke</translation>
    </message>
    <message>
        <source>Campaign {id} is being sent right now by another SMSDesk window or process on this computer{which}. Sending it from here too could text people twice.

Wait here and resume as soon as the other one stops, or close the other window first.</source>
        <translation>Udsendelse {id} bliver sendt lige nu af et andet SMSDesk-vindue eller en anden proces på denne computer{which}. Sender du den også herfra, kan folk få beskeden to gange.

Vent her og genoptag, så snart den anden stopper, eller luk det andet vindue først.</translation>
    </message>
    <message>
        <source>process {pid}</source>
        <translation>proces {pid}</translation>
    </message>
    <message>
        <source>process {pid} on {computer}</source>
        <translation>proces {pid} på {computer}</translation>
    </message>
    <message>
        <source>since {time}</source>
        <translation>siden {time}</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Eksportér</translation>
    </message>
    <message>
        <source>Open a campaign first (History), or send one.</source>
        <translation>Åbn en udsendelse først (Historik), eller send en.</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Eksportér resultater</translation>
    </message>
    <message>
        <source>SMSDesk {campaign}.xlsx</source>
        <translation>SMSDesk {campaign}.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV for Excel (*.csv)</source>
        <translation>Excel-projektmappe (*.xlsx);;CSV til Excel (*.csv)</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>Gemt: {file}</translation>
    </message>
    <message>
        <source>Could not save {file}: {reason}</source>
        <translation>Kunne ikke gemme {file}: {reason}</translation>
    </message>
    <message>
        <source>Every sent message has a final delivery report.</source>
        <translation>Alle sendte beskeder har en endelig leveringsrapport.</translation>
    </message>
    <message>
        <source>The provider allows one check every {interval}: next in {wait}</source>
        <translation>Udbyderen tillader ét tjek hver {interval}: næste om {wait}</translation>
    </message>
    <message>
        <source>Asking the provider for delivery reports…</source>
        <translation>Spørger udbyderen om leveringsrapporter…</translation>
    </message>
    <message>
        <source>Receipts checked {time}</source>
        <translation>Kvitteringer tjekket {time}</translation>
    </message>
    <message>
        <source> · {count} not delivered</source>
        <translation> · {count} ikke leveret</translation>
    </message>
    <message>
        <source>Delivery check failed: {reason}</source>
        <translation>Tjek af levering mislykkedes: {reason}</translation>
    </message>
    <message>
        <source>{0} messages are unknown: their answer was lost on the way. “Check with provider” asks {1} which of them it received; those it has are marked sent, those it never got failed (then “Retry failed” sends them once).</source>
        <translation>{0} beskeder er ukendte: svaret gik tabt undervejs. “Spørg udbyderen” spørger {1}, hvilke af dem den har modtaget; dem, den har, markeres som sendt, og dem, den aldrig fik, som fejlet (så sender “Send fejlede igen” dem én gang).</translation>
    </message>
    <message>
        <source>{0} messages are unknown: their answer was lost on the way, and {1} cannot be asked which messages it received. Check {1}&apos;s web portal, or use “Retry unknown…” accepting that some people may get the message twice.</source>
        <translation>{0} beskeder er ukendte: svaret gik tabt undervejs, og {1} kan ikke spørges, hvilke beskeder den har modtaget. Tjek {1}s webportal, eller brug “Send ukendte igen…” og acceptér, at nogle måske får beskeden to gange.</translation>
    </message>
    <message>
        <source>Asking {0} about the unknown messages…</source>
        <translation>Spørger {0} om de ukendte beskeder…</translation>
    </message>
    <message>
        <source>{0} found sent, {1} not received by the provider.</source>
        <translation>{0} fundet sendt, {1} ikke modtaget af udbyderen.</translation>
    </message>
    <message>
        <source>Could not ask the provider: {0}</source>
        <translation>Kunne ikke spørge udbyderen: {0}</translation>
    </message>
    <message>
        <source>Nothing to send</source>
        <translation>Intet at sende</translation>
    </message>
    <message>
        <source>Nothing sent: {done} of {total} failed or unknown</source>
        <translation>Intet sendt: {done} af {total} fejlet eller ukendt</translation>
    </message>
    <message>
        <source>{sent} of {total} sent</source>
        <translation>{sent} af {total} sendt</translation>
    </message>
    <message>
        <source> · {other} failed or unknown</source>
        <translation> · {other} fejlet eller ukendt</translation>
    </message>
    <message>
        <source>Sent {count}</source>
        <translation>Sendt {count}</translation>
    </message>
    <message>
        <source>Failed {count}</source>
        <translation>Fejlet {count}</translation>
    </message>
    <message>
        <source>Unknown {count}</source>
        <translation>Ukendt {count}</translation>
    </message>
    <message>
        <source>Waiting {count}</source>
        <translation>Venter {count}</translation>
    </message>
    <message>
        <source>Skipped {count}</source>
        <translation>Sprunget over {count}</translation>
    </message>
    <message>
        <source>Delivered {count}</source>
        <translation>Leveret {count}</translation>
    </message>
    <message>
        <source>waiting for the provider</source>
        <translation>venter på udbyderen</translation>
    </message>
    <message>
        <source>finishing…</source>
        <translation>gør færdig…</translation>
    </message>
    <message>
        <source>estimating time left…</source>
        <translation>beregner resterende tid…</translation>
    </message>
    <message>
        <source>about {time} left</source>
        <translation>ca. {time} tilbage</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Genoptag</translation>
    </message>
    <message>
        <source>This provider cannot be asked for delivery reports</source>
        <translation>Denne udbyder kan ikke give leveringsrapporter</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>The provider account the messages go through</source>
        <translation>Den konto hos udbyderen, beskederne sendes gennem</translation>
    </message>
    <message>
        <source>Manage accounts…</source>
        <translation>Administrér konti…</translation>
    </message>
    <message>
        <source>Add, edit or remove provider accounts; test a connection</source>
        <translation>Tilføj, ret eller fjern konti hos udbydere; test en forbindelse</translation>
    </message>
    <message>
        <source>Send through:</source>
        <translation>Send via:</translation>
    </message>
    <message>
        <source>Name shown in History</source>
        <translation>Navnet, der vises i Historik</translation>
    </message>
    <message>
        <source>A name to find this send again in History</source>
        <translation>Et navn, så du kan finde udsendelsen igen i Historik</translation>
    </message>
    <message>
        <source>Campaign name:</source>
        <translation>Navn på udsendelsen:</translation>
    </message>
    <message>
        <source>recipients</source>
        <translation>modtagere</translation>
    </message>
    <message>
        <source>SMS in total</source>
        <translation>SMS i alt</translation>
    </message>
    <message>
        <source>estimated cost</source>
        <translation>anslået pris</translation>
    </message>
    <message>
        <source>balance</source>
        <translation>saldo</translation>
    </message>
    <message>
        <source>estimated time</source>
        <translation>anslået tid</translation>
    </message>
    <message>
        <source>Send later</source>
        <translation>Send senere</translation>
    </message>
    <message>
        <source>Choose the day and time the messages go out</source>
        <translation>Vælg dag og tidspunkt, hvor beskederne bliver sendt</translation>
    </message>
    <message>
        <source>Keep quiet hours (20:00–08:00 in each recipient&apos;s own time zone)</source>
        <translation>Overhold stilletid (20:00–08:00 i hver modtagers egen tidszone)</translation>
    </message>
    <message>
        <source>Nobody is texted inside quiet hours: sending waits for them to end and goes on by itself</source>
        <translation>Ingen får SMS i stilletiden: udsendelsen venter, til den er slut, og fortsætter af sig selv</translation>
    </message>
    <message>
        <source>Skip them</source>
        <translation>Spring dem over</translation>
    </message>
    <message>
        <source>Send with this text instead:</source>
        <translation>Send med denne tekst i stedet:</translation>
    </message>
    <message>
        <source>Send with nothing there</source>
        <translation>Send uden noget dér</translation>
    </message>
    <message>
        <source>e.g. kunde</source>
        <translation>fx kunde</translation>
    </message>
    <message>
        <source>your mobile, e.g. 20 12 34 56</source>
        <translation>dit mobilnummer, fx 20 12 34 56</translation>
    </message>
    <message>
        <source>Send a test to my number</source>
        <translation>Send en test til mit nummer</translation>
    </message>
    <message>
        <source>Send the first recipient&apos;s message to your own phone, through the chosen account</source>
        <translation>Send den første modtagers besked til din egen telefon via den valgte konto</translation>
    </message>
    <message>
        <source>←  Message</source>
        <translation>←  Besked</translation>
    </message>
    <message>
        <source>Send…</source>
        <translation>Send…</translation>
    </message>
    <message>
        <source>Shows the totals once more and asks before anything is sent</source>
        <translation>Viser tallene en gang til og spørger, før noget bliver sendt</translation>
    </message>
    <message>
        <source>Review &amp; send</source>
        <translation>Kontrollér og send</translation>
    </message>
    <message>
        <source>The message, as the first recipient gets it</source>
        <translation>Beskeden, som den første modtager får den</translation>
    </message>
    <message>
        <source>Try it first</source>
        <translation>Prøv det først</translation>
    </message>
    <message>
        <source>{account} — no real SMS</source>
        <translation>{account} — ingen rigtige SMS</translation>
    </message>
    <message>
        <source>Add an account with Manage accounts… to send.</source>
        <translation>Tilføj en konto under Administrér konti… for at sende.</translation>
    </message>
    <message>
        <source>The sandbox sends nothing for real: use it to try the whole flow.</source>
        <translation>Sandkassen sender ikke noget rigtigt: brug den til at prøve det hele igennem.</translation>
    </message>
    <message>
        <source> · sender {sender}</source>
        <translation> · afsender {sender}</translation>
    </message>
    <message>
        <source>Nothing to review yet: open a file with your recipients first (step 1).</source>
        <translation>Intet at kontrollere endnu: åbn først en fil med dine modtagere (trin 1).</translation>
    </message>
    <message>
        <source>The file has no valid phone numbers: check the phone column and country in step 1.</source>
        <translation>Filen har ingen gyldige telefonnumre: tjek telefonkolonnen og landet i trin 1.</translation>
    </message>
    <message>
        <source>The message needs fixing first (step 2): {problems}</source>
        <translation>Beskeden skal rettes først (trin 2): {problems}</translation>
    </message>
    <message>
        <source>Choose or add an account to send through (Manage accounts…).</source>
        <translation>Vælg eller tilføj en konto at sende via (Administrér konti…).</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Udsendelse</translation>
    </message>
    <message>
        <source> and {0} more</source>
        <translation> og {0} mere</translation>
    </message>
    <message>
        <source>Rows {0}: the message is longer than {1} characters, the most this provider takes; it will not be sent to them. Shorten the message.</source>
        <translation>Rækker {0}: beskeden er længere end {1} tegn, som er det meste, denne udbyder tager imod; den bliver ikke sendt til dem. Gør beskeden kortere.</translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s) have no value for {placeholder}.</source>
        <translation>
            <numerusform>%n modtager har intet indhold i {placeholder}.</numerusform>
            <numerusform>%n modtagere har intet indhold i {placeholder}.</numerusform>
        </translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>tjekker…</translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation>ikke tilgængelig</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>ikke oplyst</translation>
    </message>
    <message>
        <source>The account has {left} left; this campaign needs at least {needed} (one per message). Top up the account first.</source>
        <translation>Kontoen har {left} tilbage; denne udsendelse kræver mindst {needed} (én pr. besked). Fyld kontoen op først.</translation>
    </message>
    <message>
        <source>The account has {left} left; this campaign is estimated at {cost}. Top up the account first.</source>
        <translation>Kontoen har {left} tilbage; denne udsendelse anslås til {cost}. Fyld kontoen op først.</translation>
    </message>
    <message>
        <source>price not set</source>
        <translation>pris ikke angivet</translation>
    </message>
    <message>
        <source>per your price</source>
        <translation>efter din pris</translation>
    </message>
    <message>
        <source>estimated cost ({price} per SMS)</source>
        <translation>anslået pris ({price} pr. SMS)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln SMS × {price} per SMS</source>
        <translation>
            <numerusform>%Ln SMS × {price} pr. SMS</numerusform>
            <numerusform>%Ln SMS × {price} pr. SMS</numerusform>
        </translation>
    </message>
    <message>
        <source>Set your price per SMS in Settings to see the cost here</source>
        <translation>Angiv din pris pr. SMS under Indstillinger for at se prisen her</translation>
    </message>
    <message>
        <source>under a second</source>
        <translation>under et sekund</translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s) to the provider, within its speed limits and your cap</source>
        <translation>
            <numerusform>%Ln forespørgsel til udbyderen, inden for dens hastighedsgrænser og din egen grænse</numerusform>
            <numerusform>%Ln forespørgsler til udbyderen, inden for dens hastighedsgrænser og din egen grænse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) of the file will be skipped (see Recipients)</source>
        <translation>
            <numerusform>%Ln række i filen springes over (se Modtagere)</numerusform>
            <numerusform>%Ln rækker i filen springes over (se Modtagere)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) in Unicode (70 characters per SMS)</source>
        <translation>
            <numerusform>%Ln besked i Unicode (70 tegn pr. SMS)</numerusform>
            <numerusform>%Ln beskeder i Unicode (70 tegn pr. SMS)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the longest message is %n SMS</source>
        <translation>
            <numerusform>den længste besked er %n SMS</numerusform>
            <numerusform>den længste besked er %n SMS</numerusform>
        </translation>
    </message>
    <message>
        <source>the balance could not be read: {reason}</source>
        <translation>saldoen kunne ikke læses: {reason}</translation>
    </message>
    <message>
        <source>The balance could not be read ({error}), so SMSDesk cannot tell whether the account has enough credit. Check the internet connection and the account (Manage accounts → Test connection) before sending.</source>
        <translation>Saldoen kunne ikke læses ({error}), så SMSDesk kan ikke se, om der er nok på kontoen. Tjek internetforbindelsen og kontoen (Administrér konti → Test forbindelsen), før du sender.</translation>
    </message>
    <message>
        <source>Schedule…</source>
        <translation>Planlæg…</translation>
    </message>
    <message numerus="yes">
        <source>Schedule for %Ln recipient(s)…</source>
        <translation>
            <numerusform>Planlæg til %Ln modtager…</numerusform>
            <numerusform>Planlæg til %Ln modtagere…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send anyway to %Ln recipient(s)…</source>
        <translation>
            <numerusform>Send alligevel til %Ln modtager…</numerusform>
            <numerusform>Send alligevel til %Ln modtagere…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send to %Ln recipient(s)…</source>
        <translation>
            <numerusform>Send til %Ln modtager…</numerusform>
            <numerusform>Send til %Ln modtagere…</numerusform>
        </translation>
    </message>
    <message>
        <source>Type your own mobile number first.</source>
        <translation>Skriv dit eget mobilnummer først.</translation>
    </message>
    <message>
        <source>Sending a test to {number}…</source>
        <translation>Sender en test til {number}…</translation>
    </message>
    <message>
        <source>Test sent to {number} (sandbox: no real SMS was sent).</source>
        <translation>Test sendt til {number} (sandkasse: der blev ikke sendt nogen rigtig SMS).</translation>
    </message>
    <message>
        <source>Scheduled by {provider}: the messages are handed over now and {provider} sends them at {when}, so this computer may be off then.</source>
        <translation>Planlagt hos {provider}: beskederne afleveres nu, og {provider} sender dem {when}, så computeren må gerne være slukket til den tid.</translation>
    </message>
    <message>
        <source>{provider} cannot cancel them once handed over.</source>
        <translation>{provider} kan ikke annullere dem, når de først er afleveret.</translation>
    </message>
    <message>
        <source>They can be cancelled until {minutes} minutes before.</source>
        <translation>De kan annulleres indtil {minutes} minutter før.</translation>
    </message>
    <message>
        <source>Kept by SMSDesk, as {provider} cannot schedule: SMSDesk sends the campaign at {when} if it is open then; otherwise let the system&apos;s scheduler run `smsdesk campaigns run-due` (see the README).</source>
        <translation>Gemt i SMSDesk, da {provider} ikke kan planlægge: SMSDesk sender udsendelsen {when}, hvis programmet er åbent til den tid; ellers lad systemets planlægger køre `smsdesk campaigns run-due` (se README).</translation>
    </message>
    <message>
        <source>Inside quiet hours</source>
        <translation>I stilletiden</translation>
    </message>
    <message>
        <source>{when} is inside quiet hours (20:00–08:00) for {count} recipient(s). Schedule it anyway?</source>
        <translation>{when} ligger i stilletiden (20:00–08:00) for {count} modtager(e). Planlæg alligevel?</translation>
    </message>
    <message>
        <source>Schedule anyway</source>
        <translation>Planlæg alligevel</translation>
    </message>
    <message>
        <source>Pick another time</source>
        <translation>Vælg et andet tidspunkt</translation>
    </message>
    <message numerus="yes">
        <source>Schedule %Ln message(s)</source>
        <translation>
            <numerusform>Planlæg %Ln besked</numerusform>
            <numerusform>Planlæg %Ln beskeder</numerusform>
        </translation>
    </message>
    <message>
        <source>Schedule?</source>
        <translation>Planlæg?</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) of campaign {id} already went to these recipients.</source>
        <translation>
            <numerusform>%n besked i udsendelse {id} er allerede sendt til disse modtagere.</numerusform>
            <numerusform>%n beskeder i udsendelse {id} er allerede sendt til disse modtagere.</numerusform>
        </translation>
    </message>
    <message>
        <source>Campaign {id} was made from this message for these recipients; none of it has been sent yet (resume it from Results or History rather than making a second one).</source>
        <translation>Udsendelse {id} blev lavet med denne besked til disse modtagere; intet af den er sendt endnu (genoptag den fra Resultater eller Historik i stedet for at lave en til).</translation>
    </message>
    <message>
        <source>Sending again texts every one of them a second time. To send only what failed, use Retry failed in Results instead.</source>
        <translation>Sender du igen, får hver eneste af dem den en gang til. Vil du kun sende dem, der fejlede, så brug Send fejlede igen under Resultater i stedet.</translation>
    </message>
    <message>
        <source>Test sent to {number}. Check your phone.</source>
        <translation>Test sendt til {number}. Tjek din telefon.</translation>
    </message>
    <message>
        <source>The test was not sent: {reason}</source>
        <translation>Testen blev ikke sendt: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Send %Ln message(s)</source>
        <translation>
            <numerusform>Send %Ln besked</numerusform>
            <numerusform>Send %Ln beskeder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln SMS in total) through {account}?</source>
        <translation>
            <numerusform>(%Ln SMS i alt) via {account}?</numerusform>
            <numerusform>(%Ln SMS i alt) via {account}?</numerusform>
        </translation>
    </message>
    <message>
        <source>Estimated cost: {cost}</source>
        <translation>Anslået pris: {cost}</translation>
    </message>
    <message>
        <source>Balance: {balance}</source>
        <translation>Saldo: {balance}</translation>
    </message>
    <message>
        <source>Estimated time: {time}</source>
        <translation>Anslået tid: {time}</translation>
    </message>
    <message>
        <source>Skipped rows: {count}</source>
        <translation>Oversprungne rækker: {count}</translation>
    </message>
    <message>
        <source>This is the sandbox: no real SMS will be sent.</source>
        <translation>Dette er sandkassen: der sendes ingen rigtige SMS.</translation>
    </message>
    <message>
        <source>Messages go out as soon as you confirm. You can pause or cancel at any time.</source>
        <translation>Beskederne sendes, så snart du bekræfter. Du kan sætte på pause eller annullere når som helst.</translation>
    </message>
    <message>
        <source>Send the same again?</source>
        <translation>Send det samme igen?</translation>
    </message>
    <message>
        <source>Send again to everyone</source>
        <translation>Send igen til alle</translation>
    </message>
    <message>
        <source>Don&apos;t send</source>
        <translation>Send ikke</translation>
    </message>
    <message>
        <source>Send now?</source>
        <translation>Send nu?</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Ikke endnu</translation>
    </message>
    <message>
        <source>Saving the campaign…</source>
        <translation>Gemmer udsendelsen…</translation>
    </message>
    <message>
        <source>Could not start</source>
        <translation>Kunne ikke starte</translation>
    </message>
</context>
<context>
    <name>ScheduleCancel</name>
    <message>
        <source>Cancel the scheduled send?</source>
        <translation>Annullér den planlagte udsendelse?</translation>
    </message>
    <message>
        <source>The messages of {name}, scheduled for {when}, will not be sent.</source>
        <translation>Beskederne i {name}, planlagt til {when}, bliver ikke sendt.</translation>
    </message>
    <message>
        <source>Cancel the send</source>
        <translation>Annullér udsendelsen</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Behold den</translation>
    </message>
    <message>
        <source>Scheduled send</source>
        <translation>Planlagt udsendelse</translation>
    </message>
</context>
<context>
    <name>SegmentView</name>
    <message>
        <source>The preview appears here as you type.</source>
        <translation>Forhåndsvisningen vises her, mens du skriver.</translation>
    </message>
    <message>
        <source>SMS {number} of {count} · {used}/{room}</source>
        <translation>SMS {number} af {count} · {used}/{room}</translation>
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
        <translation>Systemets sprog</translation>
    </message>
    <message>
        <source>The language of SMSDesk&apos;s windows; System follows the computer</source>
        <translation>Sproget i SMSDesks vinduer; Systemets sprog følger computeren</translation>
    </message>
    <message>
        <source>Numbers without a country code are read as numbers of this country</source>
        <translation>Numre uden landekode læses som numre i dette land</translation>
    </message>
    <message>
        <source>The account chosen when SMSDesk starts</source>
        <translation>Den konto, der er valgt, når SMSDesk starter</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprog:</translation>
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
        <translation>Hvad én SMS koster dig; overslaget før afsendelse bruger den</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> pr. minut</translation>
    </message>
    <message>
        <source>Your own limit, on top of the provider&apos;s documented one (some networks flag fast senders as spam)</source>
        <translation>Din egen grænse, ud over udbyderens (nogle net stempler hurtige afsendere som spam)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Gem</translation>
    </message>
    <message>
        <source>Manage accounts…</source>
        <translation>Administrér konti…</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Konto:</translation>
    </message>
    <message>
        <source>Price per SMS:</source>
        <translation>Pris pr. SMS:</translation>
    </message>
    <message>
        <source>Speed cap:</source>
        <translation>Hastighedsgrænse:</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Generelt</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konti</translation>
    </message>
    <message>
        <source>Find a number…</source>
        <translation>Find et nummer…</translation>
    </message>
    <message>
        <source>Number to add, e.g. 20 12 34 56</source>
        <translation>Nummer der skal tilføjes, fx 20 12 34 56</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Tilføj</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>Fjern valgte</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importér…</translation>
    </message>
    <message>
        <source>Add every number of a CSV or Excel file (any column of numbers)</source>
        <translation>Tilføj alle numre fra en CSV- eller Excel-fil (en hvilken som helst kolonne med numre)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Eksportér…</translation>
    </message>
    <message>
        <source>Save the list to CSV or Excel</source>
        <translation>Gem listen som CSV eller Excel</translation>
    </message>
    <message>
        <source>Opt-out list</source>
        <translation>Afmeldingsliste</translation>
    </message>
    <message>
        <source>People on this list never get a message: they are skipped when a file is read, with the reason.</source>
        <translation>Personer på listen får aldrig en besked: de springes over, når en fil læses, med årsagen.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Indstillinger</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Tilføjet</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Kilde</translation>
    </message>
    <message>
        <source>{account} — no real SMS</source>
        <translation>{account} — ingen rigtige SMS</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gemt.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln number(s) on the list.</source>
        <translation>
            <numerusform>%Ln nummer på listen.</numerusform>
            <numerusform>%Ln numre på listen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The list is empty.</source>
        <translation>Listen er tom.</translation>
    </message>
    <message>
        <source>{number} added.</source>
        <translation>{number} er tilføjet.</translation>
    </message>
    <message>
        <source>{number} was already on the list.</source>
        <translation>{number} var allerede på listen.</translation>
    </message>
    <message>
        <source>Select the numbers to remove first.</source>
        <translation>Vælg først de numre, der skal fjernes.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln number(s) removed.</source>
        <translation>
            <numerusform>%Ln nummer fjernet.</numerusform>
            <numerusform>%Ln numre fjernet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import opt-outs</source>
        <translation>Importér afmeldinger</translation>
    </message>
    <message>
        <source>Spreadsheets and text files (*.csv *.txt *.xlsx *.xls *.ods);;All files (*)</source>
        <translation>Regneark og tekstfiler (*.csv *.txt *.xlsx *.xls *.ods);;Alle filer (*)</translation>
    </message>
    <message numerus="yes">
        <source>{file}: %Ln number(s) added</source>
        <translation>
            <numerusform>{file}: %Ln nummer tilføjet</numerusform>
            <numerusform>{file}: %Ln numre tilføjet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln already on the list</source>
        <translation>
            <numerusform>, %Ln var allerede på listen</numerusform>
            <numerusform>, %Ln var allerede på listen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln row(s) skipped (e.g. row {row}: {value}, {reason})</source>
        <translation>
            <numerusform>; %Ln række sprunget over (fx række {row}: {value}, {reason})</numerusform>
            <numerusform>; %Ln rækker sprunget over (fx række {row}: {value}, {reason})</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Læser {file}…</translation>
    </message>
    <message>
        <source>Export opt-outs</source>
        <translation>Eksportér afmeldinger</translation>
    </message>
    <message>
        <source>SMSDesk opt-outs.xlsx</source>
        <translation>SMSDesk afmeldinger.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel-projektmappe (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln number(s) saved to {file}.</source>
        <translation>
            <numerusform>%Ln nummer gemt i {file}.</numerusform>
            <numerusform>%Ln numre gemt i {file}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>States</name>
    <message>
        <source>Waiting</source>
        <translation>Venter</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sendes</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sendt</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Leveret</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fejlet</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Sprunget over</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Ukendt</translation>
    </message>
</context>
<context>
    <name>TemplateWords</name>
    <message>
        <source>Empty placeholder {written} at character {at}: put a column name between the braces, or write {{{{ and }}}} for literal braces</source>
        <translation>Tomt flettefelt {written} ved tegn {at}: skriv et kolonnenavn mellem klammerne, eller skriv {{{{ og }}}} for almindelige klammer</translation>
    </message>
    <message>
        <source>Unclosed {{ at character {at}: end the placeholder with }}, or write {{{{ for a literal {{</source>
        <translation>Ikke-lukket {{ ved tegn {at}: afslut flettefeltet med }}, eller skriv {{{{ for en almindelig {{</translation>
    </message>
    <message>
        <source>Stray }} at character {at} with no {{ before it: write }}}} for a literal }}</source>
        <translation>Løs }} ved tegn {at} uden {{ før den: skriv }}}} for en almindelig }}</translation>
    </message>
    <message>
        <source>Placeholder {written} at character {at} matches several columns ({names}); write it exactly as one of them</source>
        <translation>Flettefeltet {written} ved tegn {at} passer til flere kolonner ({names}); skriv det præcis som en af dem</translation>
    </message>
    <message>
        <source>Unknown placeholder {written} at character {at} - the file has no column &quot;{name}&quot;</source>
        <translation>Ukendt flettefelt {written} ved tegn {at} – filen har ingen kolonne &quot;{name}&quot;</translation>
    </message>
    <message>
        <source>Did you mean {column}?</source>
        <translation>Mente du {column}?</translation>
    </message>
    <message>
        <source>{columns} and {count} more</source>
        <translation>{columns} og {count} til</translation>
    </message>
    <message>
        <source>The columns are {columns}</source>
        <translation>Kolonnerne er {columns}</translation>
    </message>
    <message>
        <source>(no file is loaded)</source>
        <translation>(ingen fil er åbnet)</translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <source>not set</source>
        <translation>ikke angivet</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>ingen grænse</translation>
    </message>
    <message>
        <source>points</source>
        <translation>point</translation>
    </message>
    <message>
        <source>credits</source>
        <translation>point</translation>
    </message>
    <message>
        <source>(provider&apos;s unit)</source>
        <translation>(udbyderens enhed)</translation>
    </message>
</context>
<context>
    <name>_Answer</name>
    <message numerus="yes">
        <source>Cancelled: %Ln message(s) of {name} will not be sent.</source>
        <translation>
            <numerusform>Annulleret: %Ln besked i {name} bliver ikke sendt.</numerusform>
            <numerusform>Annulleret: %Ln beskeder i {name} bliver ikke sendt.</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} could not be cancelled.</source>
        <translation>{name} kunne ikke annulleres.</translation>
    </message>
    <message>
        <source>The provider did not cancel {name}.</source>
        <translation>Udbyderen annullerede ikke {name}.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) were cancelled; the others will be sent.</source>
        <translation>
            <numerusform>%Ln besked blev annulleret; de andre bliver sendt.</numerusform>
            <numerusform>%Ln beskeder blev annulleret; de andre bliver sendt.</numerusform>
        </translation>
    </message>
</context>
</TS>
