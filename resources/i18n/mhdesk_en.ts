<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="nl_NL">
<context>
    <name>CentralWindow</name>
    <message>
        <source>mhdesk — centraal bureau</source>
        <translation>mhdesk — central office</translation>
    </message>
    <message>
        <source>Centraal bureau</source>
        <translation>Central office</translation>
    </message>
    <message>
        <source>Database: {db}</source>
        <translation>Database: {db}</translation>
    </message>
    <message>
        <source>central.key (van mhdesk central keygen)</source>
        <translation>central.key (from mhdesk central keygen)</translation>
    </message>
    <message>
        <source>Sleutelbestand van het centraal bureau</source>
        <translation>Key file of the central office</translation>
    </message>
    <message>
        <source>Kiezen…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Sleutel van het centraal bureau:</source>
        <translation>Central office key:</translation>
    </message>
    <message>
        <source>Bestand</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Oordeel</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Regio</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Volgnr.</source>
        <translation>Seq.</translation>
    </message>
    <message>
        <source>Waarden</source>
        <translation>Values</translation>
    </message>
    <message>
        <source>Reden / opmerkingen</source>
        <translation>Reason / remarks</translation>
    </message>
    <message>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Sleutel</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Staat</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Gemaakt</source>
        <translation>Made</translation>
    </message>
    <message>
        <source>Ontvangen</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Gaten</source>
        <translation>Gaps</translation>
    </message>
    <message>
        <source>Conflicten</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>Gebied</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Uitsplitsing</source>
        <translation>Breakdown</translation>
    </message>
    <message>
        <source>Cijfers per sleutel</source>
        <translation>Figures per key</translation>
    </message>
    <message>
        <source>Regio&apos;s</source>
        <translation>Regions</translation>
    </message>
    <message>
        <source>Openbaar (kleine aantallen verborgen)</source>
        <translation>Public (small counts hidden)</translation>
    </message>
    <message>
        <source>Landelijke cijfers exporteren…</source>
        <translation>Export national figures…</translation>
    </message>
    <message>
        <source>Postvak in</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <source>Oordelen</source>
        <translation>Verdicts</translation>
    </message>
    <message>
        <source>Klaar</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Sleutel van het centraal bureau</source>
        <translation>Central office key</translation>
    </message>
    <message>
        <source>age-sleutel (*.key);;Alle bestanden (*)</source>
        <translation>age key (*.key);;All files (*)</translation>
    </message>
    <message>
        <source>Kies eerst het sleutelbestand van het centraal bureau.</source>
        <translation>First choose the central office&apos;s key file.</translation>
    </message>
    <message>
        <source>{n} bundel(s) verwerkt</source>
        <translation>{n} bundle(s) processed</translation>
    </message>
    <message>
        <source>Controleren en samenvoegen: {name}…</source>
        <translation>Checking and merging: {name}…</translation>
    </message>
    <message>
        <source>✓ geaccepteerd</source>
        <translation>✓ accepted</translation>
    </message>
    <message>
        <source>alle controles geslaagd</source>
        <translation>all checks passed</translation>
    </message>
    <message>
        <source>✗ afgewezen</source>
        <translation>✗ rejected</translation>
    </message>
    <message>
        <source>geen sleutel</source>
        <translation>no key</translation>
    </message>
    <message>
        <source>ingetrokken</source>
        <translation>revoked</translation>
    </message>
    <message>
        <source>wacht op bundel</source>
        <translation>awaiting bundle</translation>
    </message>
    <message>
        <source>actief</source>
        <translation>active</translation>
    </message>
    <message>
        <source>({n} keten)</source>
        <translation>({n} chain)</translation>
    </message>
    <message>
        <source>totaal</source>
        <translation>total</translation>
    </message>
    <message>
        <source>Conflicten ({n})</source>
        <translation>Conflicts ({n})</translation>
    </message>
    <message>
        <source>Landelijke cijfers exporteren</source>
        <translation>Export national figures</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>{n} rijen geëxporteerd naar {path}</source>
        <translation>{n} rows exported to {path}</translation>
    </message>
</context>
<context>
    <name>ChangesModel</name>
    <message>
        <source>n.v.</source>
        <translation>n/c</translation>
    </message>
    <message>
        <source>Wanneer</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Wie</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>Eenheid</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Waarde</source>
        <translation>Value</translation>
    </message>
</context>
<context>
    <name>ChapterTextsDialog</name>
    <message>
        <source>Toelichting per hoofdstuk van het rapport</source>
        <translation>Background text per chapter of the report</translation>
    </message>
    <message>
        <source>Deze tekst komt in het rapport onder de cijfers van het hoofdstuk. Schrijf geen gegevens over personen.</source>
        <translation>This text appears in the report beneath the chapter&apos;s figures. Write nothing about persons.</translation>
    </message>
    <message>
        <source>Toelichting</source>
        <translation>Background text</translation>
    </message>
</context>
<context>
    <name>ChartsArea</name>
    <message>
        <source>Openbaar (kleine aantallen verbergen)</source>
        <extracomment>Logical width of a chart in inches; the canvas scales the dpi to its width (text keeps its proportion).</extracomment>
        <translation>Public (hide small counts)</translation>
    </message>
    <message>
        <source>Donker</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source>Grafiek</source>
        <translation>Chart</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>Gebied</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>Van</source>
        <translation>From</translation>
    </message>
    <message>
        <source>t/m</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Exporteren…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Kopiëren</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Rapport maken…</source>
        <translation>Make report…</translation>
    </message>
    <message>
        <source>Toelichtingen…</source>
        <translation>Background texts…</translation>
    </message>
    <message>
        <source>Presentatie</source>
        <translation>Presentation</translation>
    </message>
    <message>
        <source>Grafiek wordt getekend…</source>
        <translation>Drawing the chart…</translation>
    </message>
    <message>
        <source>Grafiek opgeslagen in {p}</source>
        <translation>Chart saved to {p}</translation>
    </message>
    <message>
        <source>Grafiek gekopieerd naar het klembord</source>
        <translation>Chart copied to the clipboard</translation>
    </message>
    <message>
        <source>Rapport wordt gemaakt…</source>
        <translation>Making the report…</translation>
    </message>
    <message>
        <source>Rapport {y} opgeslagen in {p} ({n} pagina&apos;s)</source>
        <translation>Report {y} saved to {p} ({n} pages)</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>Indicator</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>Eenheid</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Nu in de opslag</source>
        <translation>Now in the store</translation>
    </message>
    <message>
        <source>In het bestand</source>
        <translation>In the file</translation>
    </message>
</context>
<context>
    <name>DeskView</name>
    <message>
        <source>NIET OPENBAAR: kleine aantallen zichtbaar</source>
        <extracomment>The slides of a meeting, in order: (chart, options). Logical width of a slide in inches: the dpi scales it to the screen, so the layout is the same at any size. generation, index, (Rendered, title, table) or None when the slide has no figures</extracomment>
        <translation>NOT PUBLIC: small counts visible</translation>
    </message>
    <message>
        <source>Dia wordt voorbereid…</source>
        <translation>Preparing slide…</translation>
    </message>
    <message>
        <source>Openbaar: aan</source>
        <translation>Public: on</translation>
    </message>
    <message>
        <source>Donker</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source>Volledig scherm (F11)</source>
        <translation>Full screen (F11)</translation>
    </message>
    <message>
        <source>Sluiten (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Licht</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Openbaar: uit</source>
        <translation>Public: off</translation>
    </message>
    <message>
        <source>Gemeente: {t}</source>
        <translation>Municipality: {t}</translation>
    </message>
    <message>
        <source>Ingezoomd op {n}</source>
        <translation>Focused on {n}</translation>
    </message>
    <message>
        <source>{k} dia&apos;s zonder cijfers voor {n} overgeslagen</source>
        <translation>{k} slides without figures for {n} skipped</translation>
    </message>
    <message>
        <source>Openbare modus uitzetten?</source>
        <translation>Turn public mode off?</translation>
    </message>
    <message>
        <source>Zonder openbare modus worden kleine aantallen zichtbaar, die tot personen herleidbaar kunnen zijn. Doe dit alleen als er geen publiek meekijkt.</source>
        <translation>Without public mode small counts become visible, which may be traced to persons. Only do this when no audience is watching.</translation>
    </message>
    <message>
        <source>regio</source>
        <translation>region</translation>
    </message>
    <message>
        <source>geen gemeente gevonden</source>
        <translation>no municipality found</translation>
    </message>
</context>
<context>
    <name>EntryArea</name>
    <message>
        <source>Indicator</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source> (in ontwikkeling)</source>
        <translation> (in development)</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Een jaar (2024), kwartaal (2024-Q3) of maand (2024-M07)</source>
        <translation>A year (2024), quarter (2024-Q3) or month (2024-M07)</translation>
    </message>
    <message>
        <source>Uitsplitsing in rijen</source>
        <translation>Breakdown in rows</translation>
    </message>
    <message>
        <source>Uitsplitsing in kolommen</source>
        <translation>Breakdown in columns</translation>
    </message>
    <message>
        <source>Invoertabel</source>
        <translation>Entry grid</translation>
    </message>
    <message>
        <source>Melding bij de invoer</source>
        <translation>Entry message</translation>
    </message>
    <message>
        <source>&amp;Voorlopig</source>
        <translation>&amp;Provisional</translation>
    </message>
    <message>
        <source>&amp;Geschat</source>
        <translation>&amp;Estimated</translation>
    </message>
    <message>
        <source>&amp;Definitief</source>
        <translation>&amp;Final</translation>
    </message>
    <message>
        <source>&amp;Nog niet verzameld</source>
        <translation>&amp;Not yet collected</translation>
    </message>
    <message>
        <source>&amp;Opmerking bij cel…</source>
        <translation>Cell &amp;note…</translation>
    </message>
    <message>
        <source>Voet&amp;noot bij indicator en periode…</source>
        <translation>Foot&amp;note for indicator and period…</translation>
    </message>
    <message>
        <source>Gesc&amp;hiedenis van cel…</source>
        <translation>Cell &amp;history…</translation>
    </message>
    <message>
        <source>Over deze indicator</source>
        <translation>About this indicator</translation>
    </message>
    <message>
        <source>&amp;Indicator:</source>
        <translation>&amp;Indicator:</translation>
    </message>
    <message>
        <source>&amp;Rijen:</source>
        <translation>&amp;Rows:</translation>
    </message>
    <message>
        <source>&amp;Kolommen:</source>
        <translation>&amp;Columns:</translation>
    </message>
    <message>
        <source>&amp;Periode:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <source>(geen)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>euro</source>
        <translation>euro</translation>
    </message>
    <message>
        <source>aantal</source>
        <translation>count</translation>
    </message>
    <message>
        <source>Bron</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Vaste voetnoot</source>
        <translation>Standing footnote</translation>
    </message>
    <message>
        <source>Voetnoten</source>
        <translation>Footnotes</translation>
    </message>
    <message>
        <source>Niet opgeslagen ({0} × {1}): {2}</source>
        <translation>Not saved ({0} × {1}): {2}</translation>
    </message>
    <message>
        <source>Kies eerst een cel met een waarde.</source>
        <translation>First choose a cell with a value.</translation>
    </message>
    <message>
        <source>voorlopig</source>
        <translation>provisional</translation>
    </message>
    <message>
        <source>geschat</source>
        <translation>estimated</translation>
    </message>
    <message>
        <source>definitief</source>
        <translation>final</translation>
    </message>
    <message>
        <source>nog niet verzameld</source>
        <translation>not yet collected</translation>
    </message>
    <message>
        <source>markeren als {0}</source>
        <translation>mark as {0}</translation>
    </message>
    <message>
        <source>Een opmerking hoort bij een waarde: vul eerst de cel in.</source>
        <translation>A note belongs to a value: fill in the cell first.</translation>
    </message>
    <message>
        <source>Opmerking bij cel</source>
        <translation>Cell note</translation>
    </message>
    <message>
        <source>Opmerking (leeg = weghalen):</source>
        <translation>Note (empty = remove):</translation>
    </message>
    <message>
        <source>opmerking bij cel</source>
        <translation>cell note</translation>
    </message>
    <message>
        <source>opmerking weghalen</source>
        <translation>remove note</translation>
    </message>
    <message>
        <source>Voetnoot</source>
        <translation>Footnote</translation>
    </message>
    <message>
        <source>Voetnoot bij {0}, {1} (verschijnt bij grafieken en in het rapport):</source>
        <translation>Footnote for {0}, {1} (shown with charts and in the report):</translation>
    </message>
    <message>
        <source>Een lege voetnoot is niet bewaard.</source>
        <translation>An empty footnote was not saved.</translation>
    </message>
    <message>
        <source>waarden wissen</source>
        <translation>clear values</translation>
    </message>
    <message>
        <source>Er staat niets op het klembord.</source>
        <translation>The clipboard is empty.</translation>
    </message>
    <message>
        <source>Plakken geweigerd: het blok is {0} × {1} cellen en past hier niet (vanaf deze cel is er {2} × {3}). Er is niets veranderd.</source>
        <translation>Paste refused: the block is {0} × {1} cells and does not fit here (from this cell there are {2} × {3}). Nothing was changed.</translation>
    </message>
    <message>
        <source>Plakken geweigerd: rij {0}, kolom {1} van het geplakte blok ({2} × {3}): {4}. Er is niets veranderd.</source>
        <translation>Paste refused: row {0}, column {1} of the pasted block ({2} × {3}): {4}. Nothing was changed.</translation>
    </message>
    <message>
        <source>Geplakt: er veranderde niets.</source>
        <translation>Pasted: nothing changed.</translation>
    </message>
    <message>
        <source>{0} cellen plakken</source>
        <translation>paste {0} cells</translation>
    </message>
    <message>
        <source>{0} cellen geplakt; Ctrl+Z maakt het in één keer ongedaan.</source>
        <translation>{0} cells pasted; Ctrl+Z undoes them in one go.</translation>
    </message>
</context>
<context>
    <name>EntryModel</name>
    <message>
        <source>{0} bestond niet meer in {1} (opgeheven na {2}); voer de cijfers in bij de gemeente waarin hij is opgegaan.</source>
        <extracomment>why this grid cannot take values (e.g. the municipality did not exist then); None when it can</extracomment>
        <translation>{0} no longer existed in {1} (ended after {2}); enter the figures for the municipality it merged into.</translation>
    </message>
    <message>
        <source>{0} bestond nog niet in {1} (ontstaan op {2}); voer de cijfers in bij de gemeenten van toen.</source>
        <translation>{0} did not exist yet in {1} (created on {2}); enter the figures for the municipalities of that time.</translation>
    </message>
    <message>
        <source>n.v.</source>
        <translation>n/c</translation>
    </message>
    <message>
        <source>leeg</source>
        <translation>empty</translation>
    </message>
    <message>
        <source>definitief</source>
        <translation>final</translation>
    </message>
    <message>
        <source>voorlopig</source>
        <translation>provisional</translation>
    </message>
    <message>
        <source>geschat</source>
        <translation>estimated</translation>
    </message>
    <message>
        <source>nog niet verzameld</source>
        <translation>not yet collected</translation>
    </message>
    <message>
        <source>opmerking: {0}</source>
        <translation>note: {0}</translation>
    </message>
    <message>
        <source>let op: de onderdelen tellen op tot {0}, ingevoerd is {1}</source>
        <translation>note: the parts add up to {0}, entered is {1}</translation>
    </message>
    <message>
        <source>berekend uit de onderdelen: {0}</source>
        <translation>computed from the parts: {0}</translation>
    </message>
    <message>
        <source>klopt met de onderdelen</source>
        <translation>matches the parts</translation>
    </message>
    <message>
        <source>Waarde</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Totaal</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>{0} invoeren</source>
        <translation>enter {0}</translation>
    </message>
    <message>
        <source>waarde wissen</source>
        <translation>clear value</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Nieuwe opslag maken</source>
        <translation>Create a new store</translation>
    </message>
    <message>
        <source>Regio</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Nederland (landelijk bureau)</source>
        <translation>Netherlands (central office)</translation>
    </message>
    <message>
        <source>Naam van de coördinator</source>
        <translation>Coordinator&apos;s name</translation>
    </message>
    <message>
        <source>bijv. Sanne de Vries</source>
        <translation>e.g. Sanne de Vries</translation>
    </message>
    <message>
        <source>Bestand van de opslag</source>
        <translation>Store file</translation>
    </message>
    <message>
        <source>Bladeren…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Wachtwoord</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Wachtwoord herhalen</source>
        <translation>Repeat passphrase</translation>
    </message>
    <message>
        <source>Sterkte van het wachtwoord</source>
        <translation>Passphrase strength</translation>
    </message>
    <message>
        <source>&lt;b&gt;Let op:&lt;/b&gt; een vergeten wachtwoord kan niemand herstellen, ook de beheerder niet. Zonder wachtwoord zijn de cijfers in deze opslag voorgoed onleesbaar. Schrijf het op een veilige plek op en maak een versleutelde reservekopie.</source>
        <translation>&lt;b&gt;Please note:&lt;/b&gt; nobody can recover a forgotten passphrase, not even the administrator. Without it the figures in this store are unreadable for good. Write it down somewhere safe and make an encrypted backup.</translation>
    </message>
    <message>
        <source>Meteen een versleutelde reservekopie maken</source>
        <translation>Make an encrypted backup right away</translation>
    </message>
    <message>
        <source>Melding</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>&amp;Regio:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <source>&amp;Coördinator:</source>
        <translation>&amp;Coordinator:</translation>
    </message>
    <message>
        <source>&amp;Bestand:</source>
        <translation>&amp;File:</translation>
    </message>
    <message>
        <source>&amp;Wachtwoord:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>&amp;Herhaal:</source>
        <translation>Re&amp;peat:</translation>
    </message>
    <message>
        <source>Sterkte:</source>
        <translation>Strength:</translation>
    </message>
    <message>
        <source>Opslag &amp;maken</source>
        <translation>&amp;Create store</translation>
    </message>
    <message>
        <source>Opslag bewaren als</source>
        <translation>Save store as</translation>
    </message>
    <message>
        <source>mhdesk-opslag (*.mhd)</source>
        <translation>mhdesk store (*.mhd)</translation>
    </message>
    <message>
        <source>te kort</source>
        <translation>too short</translation>
    </message>
    <message>
        <source>zwak</source>
        <translation>weak</translation>
    </message>
    <message>
        <source>redelijk</source>
        <translation>fair</translation>
    </message>
    <message>
        <source>goed</source>
        <translation>good</translation>
    </message>
    <message>
        <source>sterk</source>
        <translation>strong</translation>
    </message>
    <message>
        <source>Kies een regio uit de lijst.</source>
        <translation>Choose a region from the list.</translation>
    </message>
    <message>
        <source>Het wachtwoord moet minstens {0} tekens hebben; een paar woorden achter elkaar is sterk en goed te onthouden.</source>
        <translation>The passphrase needs at least {0} characters; a few words in a row are strong and easy to remember.</translation>
    </message>
    <message>
        <source>De twee wachtwoorden verschillen. Typ het tweede opnieuw.</source>
        <translation>The two passphrases differ. Type the second one again.</translation>
    </message>
    <message>
        <source>{0} bestaat al; mhdesk overschrijft nooit een opslag. Kies een andere bestandsnaam.</source>
        <translation>{0} already exists; mhdesk never overwrites a store. Choose another file name.</translation>
    </message>
    <message>
        <source>Reservekopie bewaren als (bij voorkeur op een USB-stick)</source>
        <translation>Save the backup as (preferably on a USB stick)</translation>
    </message>
    <message>
        <source>Kies waar de reservekopie moet komen, of zet het vinkje uit.</source>
        <translation>Choose where the backup goes, or untick the box.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Geschiedenis: {0}</source>
        <translation>History: {0}</translation>
    </message>
    <message>
        <source>Geschiedenis van de cel</source>
        <translation>Cell history</translation>
    </message>
    <message>
        <source>Vanaf</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Wie</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Waarde</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Opmerking</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Herkomst</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>n.v.</source>
        <translation>n/c</translation>
    </message>
    <message>
        <source> (vervangen {0})</source>
        <translation> (replaced {0})</translation>
    </message>
    <message>
        <source>Nog niets ingevoerd in deze cel.</source>
        <translation>Nothing entered in this cell yet.</translation>
    </message>
    <message>
        <source>Nieuwste bovenaan. Niets wordt ooit overschreven zonder spoor.</source>
        <translation>Newest first. Nothing is ever overwritten without a trace.</translation>
    </message>
</context>
<context>
    <name>ImportArea</name>
    <message>
        <source>Bestand &amp;kiezen…</source>
        <translation>&amp;Choose file…</translation>
    </message>
    <message>
        <source>of sleep een CSV- of Excel-bestand hierheen</source>
        <translation>or drag a CSV or Excel file here</translation>
    </message>
    <message>
        <source>Partner (voor het onthouden van kolomnamen)</source>
        <translation>Partner (to remember column names)</translation>
    </message>
    <message>
        <source>Wie het bestand leverde; mhdesk onthoudt per partner hoe kolommen heten</source>
        <translation>Who delivered the file; mhdesk remembers column names per partner</translation>
    </message>
    <message>
        <source>&amp;Partner:</source>
        <translation>&amp;Partner:</translation>
    </message>
    <message>
        <source>Kolommen die mhdesk niet herkent</source>
        <translation>Columns mhdesk does not recognise</translation>
    </message>
    <message>
        <source>Onthoud voor deze partner</source>
        <translation>Remember for this partner</translation>
    </message>
    <message>
        <source>Toepassen en opnieuw &amp;lezen</source>
        <translation>Apply and &amp;read again</translation>
    </message>
    <message>
        <source>Voorbeeld van de ingelezen rijen</source>
        <translation>Preview of the rows read</translation>
    </message>
    <message>
        <source>Gevonden fouten en waarschuwingen</source>
        <translation>Errors and warnings found</translation>
    </message>
    <message>
        <source>Lijst &amp;exporteren…</source>
        <translation>&amp;Export list…</translation>
    </message>
    <message>
        <source>Afwijkende waarden</source>
        <translation>Differing values</translation>
    </message>
    <message>
        <source>Voorbeeld, fouten en afwijkingen</source>
        <translation>Preview, errors and differences</translation>
    </message>
    <message>
        <source>Voorbeeld</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Fouten en waarschuwingen</source>
        <translation>Errors and warnings</translation>
    </message>
    <message>
        <source>Afwijkingen</source>
        <translation>Differences</translation>
    </message>
    <message>
        <source>Als een waarde afwijkt van wat er al staat</source>
        <translation>When a value differs from what is already there</translation>
    </message>
    <message>
        <source>niets inlezen en de afwijkingen tonen</source>
        <translation>import nothing and show the differences</translation>
    </message>
    <message>
        <source>vervangen (de oude waarde blijft in de geschiedenis)</source>
        <translation>replace (the old value stays in the history)</translation>
    </message>
    <message>
        <source>de bestaande waarde behouden</source>
        <translation>keep the existing value</translation>
    </message>
    <message>
        <source>&amp;Proefimport</source>
        <translation>&amp;Dry run</translation>
    </message>
    <message>
        <source>Laat zien wat er zou gebeuren, zonder iets te schrijven</source>
        <translation>Shows what would happen, without writing anything</translation>
    </message>
    <message>
        <source>&amp;Importeren</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>&amp;Afbreken</source>
        <translation>C&amp;ancel</translation>
    </message>
    <message>
        <source>Voortgang</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Kies een bestand om te beginnen.</source>
        <translation>Choose a file to begin.</translation>
    </message>
    <message>
        <source>Stand van het inlezen</source>
        <translation>Import status</translation>
    </message>
    <message>
        <source>Bestand om in te lezen</source>
        <translation>File to import</translation>
    </message>
    <message>
        <source>Cijfers (*.csv *.txt *.xlsx);;Alle bestanden (*)</source>
        <translation>Figures (*.csv *.txt *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>Bezig met lezen en controleren…</source>
        <translation>Reading and checking…</translation>
    </message>
    <message>
        <source>{0} rijen gelezen, geen fouten</source>
        <translation>{0} rows read, no errors</translation>
    </message>
    <message>
        <source>, {0} waarschuwing(en)</source>
        <translation>, {0} warning(s)</translation>
    </message>
    <message>
        <source>. Doe eerst een proefimport, of importeer meteen.</source>
        <translation>. Do a dry run first, or import right away.</translation>
    </message>
    <message>
        <source>{0} fout(en) gevonden; er wordt niets ingelezen. Verbeter het bestand en kies het opnieuw.</source>
        <translation>{0} error(s) found; nothing is imported. Correct the file and choose it again.</translation>
    </message>
    <message>
        <source> (de eerste {0} staan in de lijst)</source>
        <translation> (the first {0} are listed)</translation>
    </message>
    <message>
        <source>{0} waarde(n) wijken af van wat er al staat; er is niets ingelezen. Kies hiernaast vervangen of behouden en importeer opnieuw.</source>
        <translation>{0} value(s) differ from what is already there; nothing was imported. Choose replace or keep and import again.</translation>
    </message>
    <message>
        <source>(kies een veld)</source>
        <translation>(choose a field)</translation>
    </message>
    <message>
        <source>Veld voor kolom {0}</source>
        <translation>Field for column {0}</translation>
    </message>
    <message>
        <source>Kies voor minstens één kolom een veld, of &apos;negeren&apos;.</source>
        <translation>Choose a field for at least one column, or &apos;negeren&apos; (ignore).</translation>
    </message>
    <message>
        <source>Proefimport…</source>
        <translation>Dry run…</translation>
    </message>
    <message>
        <source>Bezig met inlezen…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>Afbreken…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Foutenlijst bewaren</source>
        <translation>Save error list</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Foutenlijst bewaard: {0}</source>
        <translation>Error list saved: {0}</translation>
    </message>
</context>
<context>
    <name>Inbox</name>
    <message>
        <source>Sleep bundels (.mhb) hierheen</source>
        <translation>Drag bundles (.mhb) here</translation>
    </message>
    <message>
        <source>Bundels kiezen…</source>
        <translation>Choose bundles…</translation>
    </message>
    <message>
        <source>Bundels kiezen</source>
        <translation>Choose bundles</translation>
    </message>
    <message>
        <source>mhdesk-bundels (*.mhb);;Alle bestanden (*)</source>
        <translation>mhdesk bundles (*.mhb);;All files (*)</translation>
    </message>
</context>
<context>
    <name>IssuesModel</name>
    <message>
        <source>(bestand)</source>
        <translation>(file)</translation>
    </message>
    <message>
        <source>fout</source>
        <translation>error</translation>
    </message>
    <message>
        <source>waarschuwing</source>
        <translation>warning</translation>
    </message>
    <message>
        <source>Rij</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Kolom</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>Melding</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Soort</source>
        <translation>Kind</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Ongedaan maken</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>Opn&amp;ieuw</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>&amp;Bestand</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Andere opslag &amp;openen…</source>
        <translation>&amp;Open another store…</translation>
    </message>
    <message>
        <source>&amp;Reservekopie maken…</source>
        <translation>Make &amp;backup…</translation>
    </message>
    <message>
        <source>&amp;Vergrendelen</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <source>&amp;Afsluiten</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Be&amp;werken</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>Bee&amp;ld</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Instellingen</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>&amp;Taal / Language</source>
        <translation>&amp;Language / Taal</translation>
    </message>
    <message>
        <source>Automatisch &amp;vergrendelen na…</source>
        <translation>Lock &amp;automatically after…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Over mhdesk</source>
        <translation>&amp;About mhdesk</translation>
    </message>
    <message>
        <source>Werkbalk</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>Vergrendeld</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source> — DEMO</source>
        <translation> — DEMO</translation>
    </message>
    <message>
        <source>Opslag: {0}</source>
        <translation>Store: {0}</translation>
    </message>
    <message>
        <source> (DEMO: verzonnen cijfers)</source>
        <translation> (DEMO: invented figures)</translation>
    </message>
    <message>
        <source>Regio: {0}</source>
        <translation>Region: {0}</translation>
    </message>
    <message>
        <source>Catalogus v{0}</source>
        <translation>Catalogue v{0}</translation>
    </message>
    <message>
        <source>Open (vergrendelt na {0} min zonder gebruik)</source>
        <translation>Open (locks after {0} min without use)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Automatisch vergrendelen</source>
        <translation>Lock automatically</translation>
    </message>
    <message>
        <source>Vergrendelen na zoveel minuten zonder gebruik (0 = nooit):</source>
        <translation>Lock after this many minutes without use (0 = never):</translation>
    </message>
    <message>
        <source>Reservekopie bewaren als</source>
        <translation>Save backup as</translation>
    </message>
    <message>
        <source>mhdesk-opslag (*.mhd)</source>
        <translation>mhdesk store (*.mhd)</translation>
    </message>
    <message>
        <source>Reservekopie gemaakt: {0}</source>
        <translation>Backup made: {0}</translation>
    </message>
    <message>
        <source>&lt;h3&gt;mhdesk {0}&lt;/h3&gt;&lt;p&gt;Cijfers van de regionale monitor mensenhandel: invoeren, controleren, importeren en delen.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;mhdesk {0}&lt;/h3&gt;&lt;p&gt;Figures of the regional human-trafficking monitor: enter, check, import and share.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Opslag: schema {0}, catalogus v{1}&lt;/p&gt;</source>
        <translation>&lt;p&gt;Store: schema {0}, catalogue v{1}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Over mhdesk</source>
        <translation>About mhdesk</translation>
    </message>
    <message>
        <source>mhdesk afsluiten</source>
        <extracomment>False for windows that only render a screenshot: they must not change what the user sees next time.</extracomment>
        <translation>Quit mhdesk</translation>
    </message>
    <message>
        <source>Er loopt nog een taak. Afbreken en afsluiten? Een onderbroken import schrijft niets weg.</source>
        <translation>A task is still running. Cancel it and quit? An interrupted import writes nothing.</translation>
    </message>
</context>
<context>
    <name>OrgUnitPicker</name>
    <message>
        <source>Landelijke cijfers voert het landelijk bureau in</source>
        <translation>National figures are entered by the central office</translation>
    </message>
    <message>
        <source>Zoek gemeente of regio…</source>
        <translation>Search municipality or region…</translation>
    </message>
    <message>
        <source>Eenheid zoeken</source>
        <translation>Search unit</translation>
    </message>
    <message>
        <source>Eenheden</source>
        <translation>Units</translation>
    </message>
</context>
<context>
    <name>OverviewArea</name>
    <message>
        <source>Eenheid</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Soort perioden</source>
        <translation>Kind of periods</translation>
    </message>
    <message>
        <source>Jaren</source>
        <translation>Years</translation>
    </message>
    <message>
        <source>Kwartalen</source>
        <translation>Quarters</translation>
    </message>
    <message>
        <source>Maanden</source>
        <translation>Months</translation>
    </message>
    <message>
        <source>Alle perioden</source>
        <translation>All periods</translation>
    </message>
    <message>
        <source>Overzicht per indicator en periode</source>
        <translation>Overview by indicator and period</translation>
    </message>
    <message>
        <source>Laatste wijzigingen</source>
        <translation>Latest changes</translation>
    </message>
    <message>
        <source>* = voorlopig of geschat; dubbelklik om in te voeren</source>
        <translation>* = provisional or estimated; double-click to enter</translation>
    </message>
    <message>
        <source>&lt;b&gt;Wat is er binnen?&lt;/b&gt;</source>
        <translation>&lt;b&gt;What has come in?&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Eenheid:</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <source>Pe&amp;rioden:</source>
        <translation>Pe&amp;riods:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Laatste wijzigingen&lt;/b&gt;</source>
        <translation>&lt;b&gt;Latest changes&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>OverviewModel</name>
    <message>
        <source>geleverd</source>
        <extracomment>background colours of the states, readable in a light and a dark palette (text stays the palette&apos;s)</extracomment>
        <translation>delivered</translation>
    </message>
    <message>
        <source>voorlopig of geschat</source>
        <translation>provisional or estimated</translation>
    </message>
    <message>
        <source>nog niet verzameld</source>
        <translation>not yet collected</translation>
    </message>
    <message>
        <source>ontbreekt</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>n.v.</source>
        <translation>n/c</translation>
    </message>
    <message>
        <source>({0} waarden)</source>
        <translation>({0} values)</translation>
    </message>
    <message>
        <source>; {0} waarden, waarvan {1} voorlopig of geschat</source>
        <translation>; {0} values, of which {1} provisional or estimated</translation>
    </message>
    <message>
        <source> (in ontwikkeling)</source>
        <translation> (in development)</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Rij</source>
        <translation>Row</translation>
    </message>
</context>
<context>
    <name>SendArea</name>
    <message>
        <source>Verzenden naar het centraal bureau</source>
        <translation>Send to the central office</translation>
    </message>
    <message>
        <source>Een bundel bevat alle cijfers en voetnoten van deze opslag, ondertekend met uw sleutel en versleuteld voor het centraal bureau. Alleen het centraal bureau kan hem openen; het ziet aan de handtekening dat hij van u komt en onderweg niet is veranderd. U kunt het bestand mailen of uploaden.</source>
        <translation>A bundle holds every figure and footnote of this store, signed with your key and encrypted for the central office. Only the central office can open it; the signature shows it that the bundle comes from you and was not changed on the way. You can e-mail or upload the file.</translation>
    </message>
    <message>
        <source>Uw ondertekeningssleutel</source>
        <translation>Your signing key</translation>
    </message>
    <message>
        <source>Publieke sleutel opslaan…</source>
        <translation>Save public key…</translation>
    </message>
    <message>
        <source>Sleutel-id:</source>
        <translation>Key id:</translation>
    </message>
    <message>
        <source>Vingerafdruk:</source>
        <translation>Fingerprint:</translation>
    </message>
    <message>
        <source>Lees de vingerafdruk bij de aanmelding telefonisch voor aan het centraal bureau.</source>
        <translation>When you enrol, read the fingerprint out to the central office over the phone.</translation>
    </message>
    <message>
        <source>Bundel maken</source>
        <translation>Make a bundle</translation>
    </message>
    <message>
        <source>Ontvanger (sleutel van het centraal bureau)</source>
        <translation>Recipient (the central office&apos;s key)</translation>
    </message>
    <message>
        <source>Bundel maken en opslaan…</source>
        <translation>Make and save bundle…</translation>
    </message>
    <message>
        <source>Ontvanger:</source>
        <translation>Recipient:</translation>
    </message>
    <message>
        <source>Volgnr.</source>
        <translation>Seq.</translation>
    </message>
    <message>
        <source>Gemaakt</source>
        <translation>Made</translation>
    </message>
    <message>
        <source>Bestand</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Waarden</source>
        <translation>Values</translation>
    </message>
    <message>
        <source>SHA-256 (begin)</source>
        <translation>SHA-256 (start)</translation>
    </message>
    <message>
        <source>Eerder gemaakte bundels</source>
        <translation>Bundles made earlier</translation>
    </message>
    <message>
        <source>Vul de ontvanger in die het centraal bureau u gaf (begint met age1).</source>
        <translation>Fill in the recipient the central office gave you (starts with age1).</translation>
    </message>
    <message>
        <source>✓ geldige ontvanger; wordt onthouden</source>
        <translation>✓ valid recipient; will be remembered</translation>
    </message>
    <message>
        <source>Bundel opslaan</source>
        <translation>Save bundle</translation>
    </message>
    <message>
        <source>mhdesk-bundel (*.mhb)</source>
        <translation>mhdesk bundle (*.mhb)</translation>
    </message>
    <message>
        <source>Bundel wordt gemaakt…</source>
        <translation>Making the bundle…</translation>
    </message>
    <message>
        <source>✓ Bundel {seq} opgeslagen in {path}: {n} waarden, {f} voetnoten. Stuur dit bestand naar het centraal bureau.</source>
        <translation>✓ Bundle {seq} saved to {path}: {n} values, {f} footnotes. Send this file to the central office.</translation>
    </message>
    <message>
        <source>Er is niets opgeslagen.</source>
        <translation>Nothing was saved.</translation>
    </message>
    <message>
        <source>Publieke sleutel opslaan</source>
        <translation>Save public key</translation>
    </message>
    <message>
        <source>minisign publieke sleutel (*.pub)</source>
        <translation>minisign public key (*.pub)</translation>
    </message>
    <message>
        <source>Publieke sleutel opgeslagen in {path}</source>
        <translation>Public key saved to {path}</translation>
    </message>
</context>
<context>
    <name>SetChapterText</name>
    <message>
        <source>Toelichting &apos;{title}&apos;</source>
        <translation>Background text &apos;{title}&apos;</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>mhdesk ontgrendelen</source>
        <translation>Unlock mhdesk</translation>
    </message>
    <message>
        <source>Vergrendeld. Typ het wachtwoord van de opslag om verder te gaan; u komt terug waar u was.</source>
        <translation>Locked. Type the store&apos;s passphrase to continue; you will return to where you were.</translation>
    </message>
    <message>
        <source>Kies uw opslag en typ het wachtwoord.</source>
        <translation>Choose your store and type its passphrase.</translation>
    </message>
    <message>
        <source>Welkom bij mhdesk. Maak uw eigen versleutelde opslag met &lt;b&gt;Nieuwe opslag…&lt;/b&gt;, of probeer mhdesk eerst uit met de &lt;b&gt;demo-opslag&lt;/b&gt; (verzonnen cijfers).</source>
        <translation>Welcome to mhdesk. Create your own encrypted store with &lt;b&gt;New store…&lt;/b&gt;, or try mhdesk first with the &lt;b&gt;demo store&lt;/b&gt; (invented figures).</translation>
    </message>
    <message>
        <source>Opslag</source>
        <translation>Store</translation>
    </message>
    <message>
        <source>Bladeren…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Opslag zoeken</source>
        <translation>Find store</translation>
    </message>
    <message>
        <source>Wachtwoord</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Melding</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>&amp;Opslag:</source>
        <translation>&amp;Store:</translation>
    </message>
    <message>
        <source>&amp;Wachtwoord:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>&amp;Ontgrendelen</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>&amp;Nieuwe opslag…</source>
        <translation>&amp;New store…</translation>
    </message>
    <message>
        <source>&amp;Demo-opslag openen</source>
        <translation>Open &amp;demo store</translation>
    </message>
    <message>
        <source>Een opslag met verzonnen cijfers om mhdesk uit te proberen</source>
        <translation>A store with invented figures to try mhdesk out</translation>
    </message>
    <message>
        <source>Afsluiten</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;font-size:14pt&apos;&gt;mhdesk&lt;/b&gt;&lt;br&gt;Monitor mensenhandel — regionale cijfers</source>
        <translation>&lt;b style=&apos;font-size:14pt&apos;&gt;mhdesk&lt;/b&gt;&lt;br&gt;Human-trafficking monitor — regional figures</translation>
    </message>
    <message>
        <source>Opslag openen</source>
        <translation>Open store</translation>
    </message>
    <message>
        <source>mhdesk-opslag (*.mhd);;Alle bestanden (*)</source>
        <translation>mhdesk store (*.mhd);;All files (*)</translation>
    </message>
    <message>
        <source>Kies eerst een opslag (Bladeren…), of open de demo-opslag.</source>
        <translation>First choose a store (Browse…), or open the demo store.</translation>
    </message>
    <message>
        <source>Er is geen opslag op {0}. Kies een ander bestand.</source>
        <translation>There is no store at {0}. Choose another file.</translation>
    </message>
    <message>
        <source>Typ het wachtwoord van de opslag.</source>
        <translation>Type the store&apos;s passphrase.</translation>
    </message>
    <message>
        <source>De demo-opslag wordt geopend (de eerste keer wordt hij gemaakt)…</source>
        <translation>Opening the demo store (it is created the first time)…</translation>
    </message>
    <message>
        <source>Dat wachtwoord klopt niet (of dit bestand is geen mhdesk-opslag). Controleer Caps Lock en probeer het gerust nog eens.</source>
        <translation>That passphrase is not right (or this file is not an mhdesk store). Check Caps Lock and feel free to try again.</translation>
    </message>
</context>
<context>
    <name>context.window</name>
    <message>
        <source>voetnoot toevoegen</source>
        <extracomment>True when the edit was already written (so a failure is shown before anything is pushed)</extracomment>
        <translation>add footnote</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>Er ging iets onverwachts mis ({0}); er is niets veranderd.</source>
        <translation>Something unexpected went wrong ({0}); nothing was changed.</translation>
    </message>
    <message>
        <source>Probeer het opnieuw; blijft het misgaan, meld het dan bij de beheerder.</source>
        <translation>Try again; if it keeps failing, tell the administrator.</translation>
    </message>
    <message>
        <source>mhdesk</source>
        <translation>mhdesk</translation>
    </message>
</context>
<context>
    <name>self.area</name>
    <message>
        <source>Waarde</source>
        <translation>Value</translation>
    </message>
</context>
</TS>
