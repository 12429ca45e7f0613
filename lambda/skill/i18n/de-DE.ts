/** Every word Pulse speaks in German. */
import type { Resources } from './resources';

export const deDE: Resources = {
  skillName: 'Live Puls',
  launch: {
    headline_one: 'Hier ist Live Puls. Gerade ist {{n}} Spieler online.',
    headline_other: 'Hier ist Live Puls. Gerade sind {{n}} Spieler online.',
    headlineStale:
      'Hier ist Live Puls. Ich habe seit {{age}} keine neuen Spielerzahlen; um {{time}} waren {{n}} online.',
    noData: 'Hier ist Live Puls. Ich habe noch keine Spielerzahlen.',
    prompt:
      'Frag mich, wie viele Spieler online sind, nach den Sensoren einer Station oder nach ihrem Status.',
  },
  reprompt: 'Was möchtest du noch wissen?',
  clock: '{{time}} Uhr',
  stale: {
    prefix: 'Ich habe seit {{age}} keine neuen Daten. Stand {{time}}:',
  },
  players: {
    total_one: 'Gerade ist {{n}} Spieler online.',
    total_other: 'Gerade sind {{n}} Spieler online.',
    totalStale_one:
      'Ich habe seit {{age}} keine neuen Daten. Um {{time}} war {{n}} Spieler online.',
    totalStale_other:
      'Ich habe seit {{age}} keine neuen Daten. Um {{time}} waren {{n}} Spieler online.',
    byOs: 'Nach System: {{list}}.',
    osPart: '{{n}} mit {{name}}',
    byQuadrant: 'Nach Quadrant: {{list}}.',
    quadrantPart: '{{n}} in {{name}}',
    oneOs_one: '{{n}} Spieler ist mit {{name}} online, {{percent}} Prozent aller Spieler.',
    oneOs_other: '{{n}} Spieler sind mit {{name}} online, {{percent}} Prozent aller Spieler.',
    oneQuadrant_one: '{{n}} Spieler ist in {{name}}, {{percent}} Prozent aller Spieler.',
    oneQuadrant_other: '{{n}} Spieler sind in {{name}}, {{percent}} Prozent aller Spieler.',
    none: 'Ich habe noch keine Spielerzahlen. Sie kommen, sobald das Spiel seine Ereignisse sendet.',
    quadrant: 'Quadrant {{quadrant}}',
    unknownOs: 'Das System {{spoken}} kenne ich nicht. Ich zähle {{list}}. Welches möchtest du?',
    unknownQuadrant:
      'Einen Quadranten {{spoken}} gibt es nicht. Die Karte hat {{list}}. Welchen möchtest du?',
  },
  trend: {
    up: 'In {{span}} ist die Zahl der Spieler um {{percent}} Prozent gestiegen, von {{first}} auf {{last}}.',
    down: 'In {{span}} ist die Zahl der Spieler um {{percent}} Prozent gesunken, von {{first}} auf {{last}}.',
    flat: 'In {{span}} ist die Zahl der Spieler bei {{last}} geblieben.',
    fromZero: 'In {{span}} ist die Zahl der Spieler von null auf {{last}} gestiegen.',
    range: 'Das Minimum war {{min}}, das Maximum {{max}} und der Durchschnitt {{average}}.',
    notEnough: 'Aus {{span}} habe ich zu wenige Spielerzahlen für einen Trend.',
    capped: 'Ich schaue höchstens {{limit}} zurück, also hier die Zahlen aus {{span}}.',
    badDuration:
      'Ich habe nicht verstanden, wie weit ich zurückschauen soll. Frag zum Beispiel: wie haben sich die Spieler in den letzten zehn Minuten entwickelt?',
  },
  sensors: {
    reading_one:
      'An der Station {{station}} lag {{the}} in der Minute bis {{time}} im Mittel bei {{value}} {{unit}}, gemessen von einem Sensor.',
    reading_other:
      'An der Station {{station}} lag {{the}} in der Minute bis {{time}} im Mittel bei {{value}} {{unit}}, gemessen von {{count}} Sensoren.',
    smoothed: 'Geglättet sind das {{value}} {{unit}}.',
    none: 'Von der Station {{station}} habe ich noch keine Werte für {{name}}.',
    notMeasured: 'Die Station {{station}} misst keine {{name}}. Sie misst {{list}}.',
    unknownSensor:
      'Einen Sensor {{spoken}} kenne ich nicht. Die Stationen messen {{list}}. Was möchtest du wissen?',
    missingSensor: 'Welchen Wert möchtest du? Die Stationen messen {{list}}.',
    type: {
      vib: { the: 'die Vibration', unit: 'Millimeter pro Sekunde' },
      temp: { the: 'die Temperatur', unit: 'Grad Celsius' },
      hum: { the: 'die Luftfeuchtigkeit', unit: 'Prozent' },
      wind: {
        the: 'die Windgeschwindigkeit',
        unit: 'Meter pro Sekunde',
      },
      pres: { the: 'der Luftdruck', unit: 'Hektopascal' },
    },
  },
  stations: {
    unknown: 'Eine Station {{spoken}} kenne ich nicht. Ich kenne {{list}}. Welche Station?',
    missing: 'Welche Station? Ich kenne {{list}}.',
  },
  status: {
    neverReported: 'Die Station {{station}} hat ihren Zustand noch nicht gemeldet.',
    reported: 'Die Station {{station}} hat sich zuletzt vor {{age}} gemeldet, um {{time}}.',
    reportedNoTime: 'Die Station {{station}} hat ihren Zustand gemeldet.',
    values: 'Sie meldet {{list}}.',
    pending: 'Noch ausstehend: {{list}}.',
    nothingPending: 'Es steht nichts aus.',
    otherValues_one: 'und einen weiteren Wert',
    otherValues_other: 'und {{count}} weitere Werte',
    field: {
      light: 'Licht {{value}}',
      reportingIntervalSeconds: 'eine Messung {{value}}',
      batteryPercent: 'Akku bei {{value}} Prozent',
      firmware: 'Firmware {{value}}',
      online: 'Verbindung {{value}}',
    },
    online: { true: 'steht', false: 'unterbrochen' },
  },
  settings: {
    confirmLightOn: 'Soll ich das Licht an der Station {{station}} einschalten?',
    confirmLightOff: 'Soll ich das Licht an der Station {{station}} ausschalten?',
    confirmInterval: 'Soll die Station {{station}} {{interval}} messen?',
    denied: 'Alles klar, ich lasse die Station {{station}} wie sie ist.',
    lightRequested:
      'Erledigt: Ich habe die Station {{station}} gebeten, ihr Licht {{state}}zuschalten. Sie hat es noch nicht bestätigt; frag gleich nach ihrem Status.',
    intervalRequested:
      'Erledigt: Ich habe die Station {{station}} gebeten, {{interval}} zu messen. Sie hat es noch nicht bestätigt; frag gleich nach ihrem Status.',
    lightAlready: 'Bei der Station {{station}} ist das Licht schon {{state}}.',
    intervalAlready: 'Die Station {{station}} misst schon {{interval}}.',
    missingLight: 'Soll das Licht an der Station {{station}} an oder aus sein?',
    intervalNotAllowed: 'Die Station {{station}} kann {{list}} messen. Wie oft möchtest du?',
    missingInterval: 'Wie oft soll die Station {{station}} messen? Möglich ist {{list}}.',
  },
  statistics: {
    inSpan: 'in {{span}}',
    today: 'heute',
    sensor: {
      max: 'An der Station {{station}} lag {{the}} {{period}} am höchsten bei {{value}} {{unit}}, um {{time}}.',
      min: 'An der Station {{station}} lag {{the}} {{period}} am niedrigsten bei {{value}} {{unit}}, um {{time}}.',
      avg_one:
        'An der Station {{station}} lag {{the}} {{period}} im Mittel bei {{value}} {{unit}}, aus einem Messwert.',
      avg_other:
        'An der Station {{station}} lag {{the}} {{period}} im Mittel bei {{value}} {{unit}}, aus {{n}} Messwerten.',
    },
    fromAverages:
      'Das ist aus den Minutenmittelwerten: Manche Messungen sind nur als Mittelwerte gespeichert, ein einzelner Messwert kann also weiter gegangen sein.',
    sensorNone: 'Von der Station {{station}} habe ich {{period}} keine Werte für {{name}}.',
    players: {
      max_one: 'Der Höchststand {{period}} war {{n}} Spieler online, um {{time}}.',
      max_other: 'Der Höchststand {{period}} waren {{n}} Spieler online, um {{time}}.',
      min_one: 'Der Tiefststand {{period}} war {{n}} Spieler online, um {{time}}.',
      min_other: 'Der Tiefststand {{period}} waren {{n}} Spieler online, um {{time}}.',
      avg_one: 'Im Durchschnitt war {{period}} {{n}} Spieler online.',
      avg_other: 'Im Durchschnitt waren {{period}} {{n}} Spieler online.',
    },
    playersNone: 'Ich habe {{period}} keine Spielerzahlen.',
    missingStatistic: 'Möchtest du den höchsten, den niedrigsten oder den durchschnittlichen Wert?',
    capped: 'Ich bewahre Messwerte {{limit}} lang auf, also hier die Werte aus {{span}}.',
    badDuration:
      'Ich habe den Zeitraum nicht verstanden. Frag zum Beispiel: was war die höchste Temperatur in Berlin Mitte in der letzten Stunde?',
  },
  usual: {
    above:
      'Das ist ungewöhnlich hoch für diese Uhrzeit: Üblich sind {{low}} bis {{high}} {{unit}}.',
    below:
      'Das ist ungewöhnlich niedrig für diese Uhrzeit: Üblich sind {{low}} bis {{high}} {{unit}}.',
    playersAbove:
      'Das sind mehr als üblich für diese Uhrzeit: Sonst sind {{low}} bis {{high}} Spieler online.',
    playersBelow:
      'Das sind weniger als üblich für diese Uhrzeit: Sonst sind {{low}} bis {{high}} Spieler online.',
  },
  alerts: {
    sensorSubject: '{{the}} an der Station {{station}}',
    playersSubject: 'die Zahl der Spieler',
    rule: {
      above: '{{what}} über {{threshold}} steigt',
      below: '{{what}} unter {{threshold}} fällt',
    },
    confirm: 'Soll ich dir Bescheid sagen, wenn {{rule}}?',
    set: 'Erledigt: Ich sage dir Bescheid, wenn {{rule}}.',
    already: 'Diesen Alarm hast du schon: Ich sage dir Bescheid, wenn {{rule}}.',
    denied: 'Alles klar, ich richte keinen Alarm ein.',
    limit:
      'Du hast {{n}} Alarme, mehr bewahre ich nicht auf. Lösch zuerst einen, zum Beispiel: lösche den Alarm für Berlin.',
    invalid: 'Diesen Alarm kann ich leider nicht einrichten: {{reason}}',
    negativePlayers: 'Die Zahl der Spieler ist nie kleiner als null.',
    missingSubject:
      'Was soll ich beobachten? Zum Beispiel die Temperatur in Berlin Mitte oder die Zahl der Spieler.',
    missingDirection:
      'Soll ich dir Bescheid sagen, wenn {{what}} über einen Wert steigt oder unter einen Wert fällt?',
    missingThreshold: 'Bei welchem Wert soll ich dir Bescheid sagen?',
    none: 'Du hast keine Alarme. Sag zum Beispiel: sag mir Bescheid, wenn die Temperatur in Berlin Mitte über zwanzig Grad steigt.',
    count_one: 'Du hast einen Alarm.',
    count_other: 'Du hast {{n}} Alarme.',
    item: 'Ich sage dir Bescheid, wenn {{rule}}.',
    firingSensor:
      'Dieser Alarm ist ausgelöst: Um {{time}} hat die Station {{station}} {{value}} {{unit}} gemessen.',
    firingPlayers_one: 'Dieser Alarm ist ausgelöst: Um {{time}} war {{value}} Spieler online.',
    firingPlayers_other: 'Dieser Alarm ist ausgelöst: Um {{time}} waren {{value}} Spieler online.',
    notificationsOff:
      'Die Benachrichtigungen für Live Puls sind aus, deshalb kann ich dir nicht Bescheid sagen, wenn ein Alarm auslöst. Du kannst sie in der Alexa App einschalten.',
    deleted_one: 'Ich habe deinen Alarm für {{station}} gelöscht.',
    deleted_other: 'Ich habe deine {{n}} Alarme für {{station}} gelöscht.',
    noneForStation: 'Für {{station}} hast du keinen Alarm.',
    confirmDeleteAll_one: 'Soll ich deinen Alarm löschen?',
    confirmDeleteAll_other: 'Soll ich alle {{n}} Alarme löschen?',
    deletedAll_one: 'Erledigt: Ich habe deinen Alarm gelöscht.',
    deletedAll_other: 'Erledigt: Ich habe alle {{n}} Alarme gelöscht.',
    keptAll: 'Alles klar, deine Alarme bleiben.',
    permissionDenied:
      'Ohne deine Erlaubnis für Benachrichtigungen kann ich dir nicht Bescheid sagen, deshalb habe ich den Alarm nicht eingerichtet. In der Alexa App habe ich dir eine Karte geschickt, auf der du sie erlauben kannst.',
    permissionFailed:
      'Ich konnte dich nicht um die Erlaubnis für Benachrichtigungen bitten, deshalb habe ich den Alarm nicht eingerichtet. In der Alexa App habe ich dir eine Karte geschickt, auf der du sie erlauben kannst.',
  },
  duration: {
    seconds_one: '{{count}} Sekunde',
    seconds_other: '{{count}} Sekunden',
    minutes_one: '{{count}} Minute',
    minutes_other: '{{count}} Minuten',
    hours_one: '{{count}} Stunde',
    hours_other: '{{count}} Stunden',
    days_one: '{{count}} Tag',
    days_other: '{{count}} Tagen',
  },
  every: {
    seconds_one: 'jede Sekunde',
    seconds_other: 'alle {{count}} Sekunden',
    minutes_one: 'jede Minute',
    minutes_other: 'alle {{count}} Minuten',
    hours_one: 'jede Stunde',
    hours_other: 'alle {{count}} Stunden',
    days_one: 'jeden Tag',
    days_other: 'alle {{count}} Tage',
  },
  lastSpan: {
    seconds_one: 'der letzten Sekunde',
    seconds_other: 'den letzten {{count}} Sekunden',
    minutes_one: 'der letzten Minute',
    minutes_other: 'den letzten {{count}} Minuten',
    hours_one: 'der letzten Stunde',
    hours_other: 'den letzten {{count}} Stunden',
    days_one: 'dem letzten Tag',
    days_other: 'den letzten {{count}} Tagen',
  },
  posts: {
    intro: 'Hier ist dein Beitrag „{{title}}“.',
    playing: 'Ich spiele deinen Beitrag „{{title}}“.',
    processing:
      'Dein Beitrag „{{title}}“ wird noch vertont. Frag mich in einer Minute noch einmal.',
    failed: 'Entschuldigung, deinen Beitrag „{{title}}“ konnte ich nicht vertonen.',
    none: 'Du hast noch keine Beiträge.',
    list_one: 'Dein neuester Beitrag ist {{list}}.',
    list_other: 'Deine neuesten Beiträge sind {{list}}.',
    item: '„{{title}}“, {{status}}',
    status: { COMPLETED: 'bereit', PROCESSING: 'noch in Arbeit', FAILED: 'fehlgeschlagen' },
    notFound:
      'Einen Beitrag über {{spoken}} habe ich nicht gefunden. {{latest}} Welchen möchtest du?',
    missingTitle:
      'Welchen Beitrag möchtest du? Sag zum Beispiel: spiel den Beitrag über das Wetter.',
    nothingToResume: 'Es gibt nichts fortzusetzen.',
  },
  playback: {
    nothingPlaying:
      'Gerade läuft nichts. Wenn du einen Beitrag hören möchtest, sag: lies meinen neuesten Beitrag vor.',
    notFound: 'Den Beitrag, der gerade lief, finde ich unter deinen neuesten Beiträgen nicht.',
    noNext: 'Einen älteren Beitrag zum Abspielen gibt es nicht.',
    noPrevious: 'Einen neueren Beitrag zum Abspielen gibt es nicht.',
    startOver: 'Ich spiele deinen Beitrag „{{title}}“ noch einmal von vorn.',
    nothingToRepeat: 'Ich habe noch nichts gesagt, was ich wiederholen könnte.',
    loopOn: 'Einen Beitrag in Schleife spielen kann ich nicht: Ich spiele jeden einmal.',
    loopOff: 'Die Wiederholung ist aus: Ich spiele jeden Beitrag einmal.',
    shuffleOn:
      'Zufällig abspielen kann ich nicht: Ich spiele deine Beiträge der Reihe nach, den neuesten zuerst.',
    shuffleOff:
      'Die Zufallswiedergabe ist aus: Ich spiele deine Beiträge der Reihe nach, den neuesten zuerst.',
  },
  help: {
    speech:
      'Du kannst fragen, wie viele Spieler online sind, wie viele mit Android spielen, wie viele in Quadrant B sind oder wie sich die Spieler in den letzten zehn Minuten entwickelt haben. Zu den Stationen frag nach der Temperatur in Berlin Mitte, nach dem Status von Seattle Hafen oder ob ich dort das Licht einschalten soll. Frag nach der höchsten Temperatur in Berlin Mitte heute oder der höchsten Spielerzahl in der letzten Stunde, und sag: sag mir Bescheid, wenn die Temperatur in Berlin Mitte über zwanzig Grad steigt. Und ich lese dir deinen neuesten Beitrag vor. Was möchtest du wissen?',
    reprompt: 'Frag zum Beispiel: wie viele Spieler sind online?',
  },
  fallback: {
    speech:
      'Dabei kann Live Puls nicht helfen. Du kannst nach den Spielern, den Sensoren einer Station oder ihrem Status fragen. Was möchtest du?',
  },
  goodbye: 'Tschüss.',
  errors: {
    generic: 'Entschuldigung, bei mir ist etwas schiefgegangen. Bitte versuch es noch einmal.',
    dynamodb:
      'Entschuldigung, ich erreiche die Live-Zahlen gerade nicht. Bitte versuch es gleich noch einmal.',
    'iot-data':
      'Entschuldigung, ich erreiche die Stationen gerade nicht. Bitte versuch es gleich noch einmal.',
  },
  cards: {
    players: 'Spieler online',
    trend: 'Spielertrend',
    sensors: 'Sensoren der Station',
    status: 'Status der Station',
    settings: 'Einstellungen der Station',
    posts: 'Beiträge',
    statistics: 'Statistik',
    alerts: 'Alarme',
  },
};
