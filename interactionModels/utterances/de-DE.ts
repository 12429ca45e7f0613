/** German voice text, as templates; sensor phrases come in both article genders (die Temperatur, der Luftdruck). */
import { Intent, Slot } from '../../domain/names';
import { phrasings } from '../templates';
import type { LocaleUtterances } from './types';

/** Answers to "which station?": cities take "in", the harbour and airport "am", the bridge "an der". */
const stationAnswers = [
  '{station}',
  'in {station}',
  'am {station}',
  'an der {station}',
  'für {station}',
  'die Station {station}',
];

/** What people put before a question they ask indirectly; the question then ends with its verb. */
const FRAGEN =
  '(sag mir|kannst du mir sagen|weißt du|ich möchte wissen|ich will wissen|ich würde gern wissen)';
/** What people put before a thing they want said. */
const GIB = '(sag mir|nenn mir|gib mir|zeig mir|verrate mir)';
/** Where a station is: cities take "in", the harbour and airport "am", the bridge "an der". */
const BEI = '(in|am|an der|bei|für|von)';
const JETZT = '[(gerade|jetzt|im moment|aktuell|momentan)]';
const SPIELER = '(Spieler|Leute|Personen|Nutzer)';
const ZAHL = '(Spielerzahl|Anzahl der Spieler|Zahl der Spieler)';
/** The span a statistic covers: a spoken duration, or a calendar period ("heute"). */
const ZEITRAUM = '[(in (der|den) letzten {duration}|{period})]';
const ZEITRAUM_GENANNT = '(in (der|den) letzten {duration}|{period})';
/** Where a station is, in the forms statistics and alerts take. */
const AN = '(in|am|an der|bei)';
/** How people ask to be told: "sag mir Bescheid", "benachrichtige mich". */
const MELDE =
  '(sag mir Bescheid|gib mir Bescheid|benachrichtige mich|informiere mich|warne mich|melde dich)';
/** The verb a crossing ends with: "über dreißig Grad steigt", "unter zehn fällt". */
const STEIGT = '(steigt|fällt|geht)';
const EIN_ALARM = '(einen Alarm|eine Warnung)';
const DEN_ALARM = '(den Alarm|die Warnung|die Benachrichtigung)';
const ALARME = '(Alarme|Warnungen|Benachrichtigungen)';
/** A post: "Beitrag", or the English loanword people use for it. */
const BEITRAG = '(Beitrag|Post)';
const NEUESTEN = '(neuesten|letzten|aktuellsten|jüngsten|aktuellen)';

export const deDE: LocaleUtterances = {
  invocationName: 'live puls',
  samples: {
    [Intent.PlayersOnline]: phrasings(Intent.PlayersOnline, [
      `wie viele ${SPIELER} sind ${JETZT} (online|im Spiel|eingeloggt|aktiv|da)`,
      `wie viele ${SPIELER} spielen ${JETZT}`,
      'wie viele sind (gerade|jetzt) online',
      '(spielt|ist) (gerade|jetzt) (jemand|irgendwer) (online|im Spiel)',
      `wie (hoch|groß) ist die ${ZAHL} [(gerade|aktuell)]`,
      `(wie ist|was ist) die [aktuelle] ${ZAHL}`,
      `${GIB} die [aktuelle] ${ZAHL}`,
      // Bare too: after "frag live puls" the question ends with its verb ("… wie viele Spieler online sind").
      `[${FRAGEN}] wie viele (Spieler|Leute) [(gerade|jetzt)] online sind`,
      `[${FRAGEN}] wie viele (Spieler|Leute) (gerade|jetzt) spielen`,
      'wie viel ist (gerade|im Spiel|auf dem Server) los',
      '[die] [aktuelle] Spielerzahl',
      '(Spieler online|Anzahl der Spieler)',
      'nach der Spielerzahl',
    ]),
    [Intent.PlayersByOs]: phrasings(Intent.PlayersByOs, [
      `wie viele ${SPIELER} (sind|spielen) [gerade] (auf|mit) {os} [online]`,
      'wie viele {os} (Spieler|Nutzer) sind (online|da|aktiv)',
      'wie viele Spieler (nutzen|verwenden|haben) {os}',
      'wie viele spielen (auf|mit) {os}',
      `wie (hoch|groß) ist die ${ZAHL} (auf|bei|für) {os}`,
      `${GIB} die ${ZAHL} (auf|für) {os}`,
      `[${FRAGEN}] wie viele Spieler (auf|mit) {os} (spielen|online sind)`,
      'Spieler (auf|mit) {os}',
      'wie viele Spieler sind auf (welchem|jedem) (System|Betriebssystem)',
      'nach der Spielerzahl auf {os}',
    ]),
    [Intent.PlayersByQuadrant]: phrasings(Intent.PlayersByQuadrant, [
      `wie viele ${SPIELER} sind ${JETZT} (in Quadrant|im Quadranten|in) {quadrant}`,
      'wie viele (Spieler|Leute) (spielen|befinden sich) (in Quadrant|im Quadranten) {quadrant}',
      'wie viele sind (in Quadrant|im Quadranten) {quadrant}',
      'wie (voll|belebt|beliebt) ist (Quadrant|der Quadrant) {quadrant}',
      'wie viel ist (in Quadrant|im Quadranten) {quadrant} los',
      `wie (hoch|groß) ist die ${ZAHL} (in Quadrant|im Quadranten) {quadrant}`,
      `${GIB} die ${ZAHL} (in Quadrant|im Quadranten) {quadrant}`,
      `[${FRAGEN}] wie viele Spieler (in Quadrant|im Quadranten) {quadrant} sind`,
      'Spieler (in Quadrant|im Quadranten) {quadrant}',
      'wie viele Spieler sind in (welchem|jedem) Quadranten',
      'nach der Spielerzahl in Quadrant {quadrant}',
    ]),
    [Intent.PlayersTrend]: phrasings(Intent.PlayersTrend, [
      'wie hat sich die (Spielerzahl|Anzahl der Spieler) [(in den letzten {duration}|in der letzten {duration}|seit {duration})] (entwickelt|verändert|geändert)',
      'wie (ist|war) der (Trend|Spielertrend|Verlauf) [der letzten {duration}]',
      'wie entwickelt sich die (Spielerzahl|Anzahl der Spieler)',
      '(steigt|sinkt|fällt|wächst|schrumpft) die (Spielerzahl|Anzahl der Spieler)',
      '(geht|gehen) die (Spielerzahl|Spielerzahlen) (hoch|runter|nach oben|nach unten)',
      '(sind|gibt es) (mehr|weniger) Spieler als vor {duration}',
      `${GIB} den (Trend|Spielertrend) [der letzten {duration}]`,
      `[${FRAGEN}] wie sich die Spielerzahl [in den letzten {duration}] entwickelt hat`,
      '(kommen|gehen) (mehr|weniger) Spieler (dazu|weg)',
      'nach dem Trend der letzten {duration}',
      '[der] (Trend|Spielertrend) [der letzten {duration}]',
      // Veränderung als Veränderung gefragt: mehr oder weniger, gestiegen oder gesunken.
      'werden es [(gerade|jetzt)] (mehr|weniger) [(Spieler|Leute)]',
      '(ist|sind) die (Spielerzahl|Anzahl der Spieler|Spielerzahlen) [zuletzt] (gestiegen|gesunken|gefallen|gewachsen|geschrumpft|zurückgegangen)',
      'hat die (Spielerzahl|Anzahl der Spieler) [(zuletzt|seit {duration})] (zugenommen|abgenommen)',
      '(spielen|sind) [jetzt] (mehr|weniger) (Spieler|Leute) [online] als (vorhin|vorher|früher|vor {duration})',
      '(verlieren|gewinnen|bekommen) wir [gerade] (Spieler|Leute|neue Spieler)',
      'haben wir [(gerade|zuletzt)] (Spieler|Leute) (verloren|gewonnen|dazugewonnen)',
      '(nimmt|nahm) die (Spielerzahl|Anzahl der Spieler) [gerade] (zu|ab)',
      'wird (es|das Spiel) [gerade] (voller|leerer|ruhiger|belebter)',
      'ist (es|das Spiel) (voller|leerer|ruhiger) als (vorhin|vorher|vor {duration})',
    ]),
    [Intent.SensorReading]: phrasings(Intent.SensorReading, [
      `wie (ist|war) (die|der) {sensor} ${BEI} {station}`,
      'wie ist (die|der) {sensor} (in|am|an der) {station} (gerade|jetzt|aktuell)',
      'wie (hoch|niedrig|stark) ist (die|der) {sensor} (in|am|an der|bei) {station}',
      'wie {sensor} ist es (in|am|an der|bei) {station} [(gerade|jetzt|heute)]',
      'ist es (in|am|an der|bei) {station} {sensor}',
      '(welche|welcher) {sensor} wurde (in|am|an der) {station} gemessen',
      'was (misst|meldet|zeigt) der {sensor} Sensor (in|am|an der) {station}',
      `${GIB} (die|den) [aktuelle|aktuellen] {sensor} ${BEI} {station}`,
      `[${FRAGEN}] wie [hoch] (die|der) {sensor} (in|am|an der) {station} ist`,
      `[${FRAGEN}] wie {sensor} es (in|am|an der) {station} ist`,
      '(die|der) {sensor} (in|am|an der|von) {station}',
      'nach (der|dem) {sensor} (in|am|an der) {station}',
      'die Messwerte für {sensor} (in|am|an der) {station}',
      'wie (ist|hoch ist) (die|der) {sensor} [(gerade|jetzt|heute)]',
      'wie {sensor} ist es [(gerade|jetzt|heute|draußen)]',
      '(was|wie) ist der (letzte|neueste|aktuelle) Messwert (von|in|am|an der) {station}',
      '(was|wie) sind die (letzten|neuesten|aktuellen) (Messwerte|Werte) (von|in|am|an der) {station}',
      'was hat [die Station] {station} [zuletzt] gemessen',
      'was (sagt|misst|zeigt) (der|die|das) {sensor} (in|am|an der|bei) {station}',
      'wie (stark|sehr|viel) {sensor} (die|der|das) {station} [(gerade|jetzt|heute)]',
      '{sensor} (die|der|das) {station} [(gerade|jetzt|heute)]',
      'wie (stark|sehr) {sensor} es (in|am|an der|bei) {station}',
      '(was|wie) ist der (letzte|neueste|aktuelle) Wert (von|in|am|an der) {station}',
      'wie ist (das Wetter|die Wetterlage) (in|am|an der|bei) {station} [(gerade|jetzt|heute|im Moment)]',
      'was (misst|meldet) die Wetterstation (in|am|an der) {station}',
    ]),
    [Intent.StationStatus]: phrasings(Intent.StationStatus, [
      'wie ist der (Status|Zustand|Gerätestatus) (von|der Station|in|am|an der|bei) {station}',
      'was ist der (Status|Gerätestatus) von {station}',
      '(ist|läuft|funktioniert) die Station {station} [noch]',
      'ist {station} (online|erreichbar|aktiv|in Ordnung)',
      '(funktionieren|laufen) die (Sensoren|Geräte) (in|am|an der) {station}',
      'ist (in|am|an der|bei) {station} alles in Ordnung',
      'wie geht es (der Station|der Station in|der Station am) {station}',
      `(prüfe|prüf|${GIB}) den Status (von|der Station) {station}`,
      'wann hat sich [die Station] {station} (zuletzt|das letzte Mal) gemeldet',
      '(gibt es|ist) [noch] (eine Änderung|Änderungen|etwas) (offen|ausstehend) (in|am|an der|bei|für) {station}',
      'hat [die Station] {station} die Änderung (übernommen|angenommen)',
      'ist das Licht (in|am|an der) {station} (an|aus)',
      'wie oft meldet [die Station] {station}',
      `[${FRAGEN}] wie es der Station {station} geht`,
      'nach dem Status von {station}',
      'der Status von {station}',
    ]),
    [Intent.SetStationLight]: phrasings(Intent.SetStationLight, [
      '(schalte|schalt|mach|mache) (das Licht|die Beleuchtung|die Lampe) (in|am|an der|bei) {station} {lightState}',
      '(schalte|schalt|mach|mache) (in|am|an der|bei) {station} das Licht {lightState}',
      '(schalte|schalt|mach) das Licht {lightState}',
      '(kannst|könntest) du das Licht (in|am|an der) {station} {lightState}',
      '(kannst|könntest) du (in|am|an der) {station} das Licht {lightState}',
      '(das Licht|die Beleuchtung) (in|am|an der) {station} {lightState}',
      'ich (möchte|will) das Licht (in|am|an der) {station} {lightState}',
      '(stell|stelle|setz|setze) das Licht (in|am|an der) {station} auf {lightState}',
      'schalte die Beleuchtung in {station} bitte {lightState}',
      '(schalte|schalt) das Licht (in|am|an der) {station} um',
    ]),
    [Intent.SetReportingInterval]: phrasings(Intent.SetReportingInterval, [
      '(setze|stelle|stell|ändere) das (Meldeintervall|Messintervall|Intervall) (von|für|in|am|an der) {station} auf [alle] {interval}',
      '(setze|setz|stelle|stell) das Meldeintervall auf [alle] {interval}',
      '[die Station] {station} soll sich alle {interval} melden',
      'die Station {station} soll alle {interval} melden',
      'lass {station} alle {interval} (Daten senden|melden|messen)',
      '{station} soll alle {interval} (Daten senden|melden)',
      'das Meldeintervall (in|am|von) {station} soll {interval} (betragen|sein)',
      'ich (möchte|will) dass {station} alle {interval} meldet',
      '(ändere|änder) das Meldeintervall (von|für|in|am) {station}',
      '(ändere|änder) wie oft {station} meldet',
    ]),
    [Intent.ReadLatestPost]: phrasings(Intent.ReadLatestPost, [
      `lies [mir] (meinen|den) ${NEUESTEN} ${BEITRAG} vor`,
      `(spiel|spiele) [mir] (meinen|den) ${NEUESTEN} ${BEITRAG} [ab]`,
      `was steht in (meinem|dem) (neuesten|letzten) ${BEITRAG}`,
      `(was ist|wie lautet) (mein|der) (neueste|letzte|aktuellste) ${BEITRAG}`,
      `ich (möchte|will) (meinen|den) (neuesten|letzten) ${BEITRAG} hören`,
      `(meinen|den) (neuesten|letzten) ${BEITRAG} (vorlesen|abspielen|hören)`,
      `(gib|zeig) mir (meinen|den) (neuesten|letzten) ${BEITRAG}`,
      `(kannst|könntest) du mir (meinen|den) (neuesten|letzten) ${BEITRAG} vorlesen`,
      '(mein|der) (neuester|letzter) (Beitrag|Post)',
      // Das Neueste locker gefragt: "gibt es was Neues", "spiel den neuesten ab".
      '(gibt es|hast du) (was|etwas) neues',
      'was gibt es neues',
      `(spiel|spiele) [mir] (den|das) ${NEUESTEN} ab`,
      `lies [mir] (den|das) ${NEUESTEN} vor`,
      '(was wurde|was hast du|was haben sie) zuletzt gepostet',
      '(was war|wie hieß) (der|mein) (letzte|neueste) (Beitrag|Post)',
    ]),
    [Intent.ListPosts]: phrasings(Intent.ListPosts, [
      '(was|welche) sind (meine|die) (neuesten|letzten|aktuellen) (Beiträge|Posts)',
      '(welche|was für) (Beiträge|Posts) (habe ich|gibt es|sind fertig|sind da)',
      '(liste|zähl|nenn|zeig) [mir] (meine|die) [neuesten] (Beiträge|Posts) [auf]',
      'was habe ich [zuletzt] gepostet',
      'was wurde (in letzter Zeit|kürzlich|neulich|bisher) gepostet',
      '(gibt es|habe ich) [neue] (Beiträge|Posts)',
      'wie viele (Beiträge|Posts) (habe ich|gibt es)',
      '(meine|die) [neuesten] (Beiträge|Posts)',
    ]),
    [Intent.PlayPost]: phrasings(Intent.PlayPost, [
      `spiel (den|meinen) ${BEITRAG} (über|zu|zum Thema|mit dem Titel|namens) {title} [ab]`,
      `lies [mir] (den|meinen) ${BEITRAG} (über|zum Thema|mit dem Titel) {title} vor`,
      `(such|suche|finde) den ${BEITRAG} (über|zum Thema|mit dem Titel) {title}`,
      `ich (möchte|will) den ${BEITRAG} (über|zum Thema|mit dem Titel) {title} hören`,
      `(kannst|könntest) du den ${BEITRAG} (über|zum Thema) {title} (abspielen|vorlesen)`,
      `(spiel|spiele) den ${BEITRAG} {title} ab`,
      `den ${BEITRAG} (über|zum Thema) {title}`,
      // Ein Titel mit jedem Träger: "spiel <Titel>", "den Beitrag namens <Titel>".
      'spiel {title}',
      `(spiel|spiele) [mir] den ${BEITRAG} (namens|zu) {title} [ab]`,
      `lies [mir] den ${BEITRAG} (namens|zu) {title} [vor]`,
      `ich (möchte|will) den ${BEITRAG} (namens|zu) {title} hören`,
      `ich (möchte|will) den {title} ${BEITRAG} hören`,
      `den ${BEITRAG} (namens|mit dem Titel) {title}`,
    ]),
    [Intent.SensorStatistics]: phrasings(Intent.SensorStatistics, [
      `(was war|wie hoch war) (die|der) {statistic} {sensor} ${ZEITRAUM_GENANNT} ${AN} {station}`,
      `(was war|was ist) (die|der) {statistic} {sensor} ${AN} {station} ${ZEITRAUM}`,
      `wie (hoch|stark) war (die|der) {sensor} {statistic} (am|an der) {station} ${ZEITRAUM}`,
      `(sag mir|zeig mir) (die|den) {statistic} {sensor} (in|am|an der) {station} ${ZEITRAUM}`,
      `(die|der) {statistic} {sensor} (in|am|an der) {station} ${ZEITRAUM}`,
      `nach (der|dem) {statistic} {sensor} (in|am|an der) {station} ${ZEITRAUM}`,
      `(was war|was ist) (die|der) {statistic} {sensor} ${ZEITRAUM}`,
      // Die Statistik im Adjektiv des Sensors: "wie kalt wurde es" fragt nach der niedrigsten.
      // Nur Vergangenes mit Zeitraum, damit "wie kalt ist es" ein Messwert bleibt.
      `wie {sensor} wurde es ${ZEITRAUM} (in|am|bei) {station}`,
      `wie {sensor} (war|wurde) es ${ZEITRAUM_GENANNT} (in|am|bei) {station}`,
      `wie {sensor} (war|wurde) es (in|am|bei) {station} ${ZEITRAUM_GENANNT}`,
      `wie {sensor} wurde es ${ZEITRAUM_GENANNT}`,
    ]),
    [Intent.PlayersStatistics]: phrasings(Intent.PlayersStatistics, [
      `(was war|wie hoch war) ${ZEITRAUM_GENANNT} die {statistic} (Spielerzahl|Zahl der Spieler)`,
      `(was war|was ist) die {statistic} (Spielerzahl|Zahl der Spieler) ${ZEITRAUM}`,
      `was war ${ZEITRAUM} (der|die) {statistic} (bei den Spielern|bei der Spielerzahl)`,
      `wie viele (Spieler|Leute) waren ${ZEITRAUM} {statistic} (online|im Spiel)`,
      `(sag mir|nenn mir) die {statistic} Spielerzahl ${ZEITRAUM}`,
      `[(sag mir|weißt du)] wie viele Spieler ${ZEITRAUM} {statistic} online waren`,
      `[die] {statistic} Spielerzahl ${ZEITRAUM}`,
    ]),
    [Intent.SetAlert]: phrasings(Intent.SetAlert, [
      `(sag mir Bescheid|benachrichtige mich|warne mich|informiere mich) wenn (die|der) {sensor} (in|am|an der) {station} {direction} {threshold} [Grad] ${STEIGT}`,
      `(sag mir Bescheid|warne mich) wenn (in|am|an der) {station} (die|der) {sensor} {direction} {threshold} ${STEIGT}`,
      `richte ${EIN_ALARM} ein wenn (die|der) {sensor} (in|am|an der) {station} {direction} {threshold} steigt`,
      `${MELDE} wenn die {subject} {direction} {threshold} (fällt|steigt)`,
      `${MELDE} wenn {direction} {threshold} {subject} (online sind|spielen)`,
      'richte (einen Alarm|eine Warnung) ein wenn die {subject} {direction} {threshold} fällt',
    ]),
    [Intent.ListAlerts]: phrasings(Intent.ListAlerts, [
      `welche ${ALARME} (habe ich|sind aktiv|sind eingerichtet|laufen|gibt es)`,
      `was für ${ALARME} (habe ich|sind aktiv)`,
      `(zeig|nenn|sag) mir (meine|die) [aktiven] ${ALARME}`,
      `liste (meine|die) ${ALARME} auf`,
      `(habe|hab) ich [irgendwelche] ${ALARME} [(eingerichtet|aktiv)]`,
      `[(sag mir|weißt du)] welche ${ALARME} aktiv sind`,
      `(meine|die) [aktiven] ${ALARME}`,
    ]),
    [Intent.DeleteAlert]: phrasings(Intent.DeleteAlert, [
      `(lösche|entferne) ${DEN_ALARM} (für|von|in|am|bei) {station}`,
      `(mach|nimm) ${DEN_ALARM} (für|von|am) {station} weg`,
      `${DEN_ALARM} (für|von|am) {station} (löschen|entfernen)`,
      `ich (möchte|will) ${DEN_ALARM} (für|am) {station} (löschen|entfernen)`,
      '(lösche|entferne) den {station} Alarm',
      'hör auf mich (wegen|bei) {station} zu warnen',
    ]),
    [Intent.DeleteAllAlerts]: phrasings(Intent.DeleteAllAlerts, [
      `(lösche|entferne) alle [meine] ${ALARME}`,
      `alle [meine] ${ALARME} (löschen|entfernen)`,
      `(mach|nimm) alle [meine] ${ALARME} weg`,
      `ich (möchte|will) alle [meine] ${ALARME} (löschen|entfernen)`,
      `keine ${ALARME} mehr`,
    ]),
  },
  elicitation: {
    [Intent.SetStationLight]: {
      [Slot.Station]: {
        prompts: ['An welcher Station soll ich das Licht schalten?', 'Welche Station meinst du?'],
        samples: stationAnswers,
      },
      [Slot.LightState]: {
        prompts: ['Soll ich das Licht an- oder ausschalten?'],
        samples: [
          '{lightState}',
          'schalte es {lightState}',
          'mach es {lightState}',
          'Licht {lightState}',
        ],
      },
    },
    [Intent.SetReportingInterval]: {
      [Slot.Station]: {
        prompts: ['Für welche Station soll ich das Meldeintervall ändern?', 'Für welche Station?'],
        samples: stationAnswers,
      },
      [Slot.Interval]: {
        prompts: ['Wie oft soll die Station melden? Zum Beispiel alle fünf Minuten.'],
        samples: ['{interval}', 'alle {interval}', 'auf {interval}', 'einmal alle {interval}'],
      },
    },
  },
};
