/** Every word Pulse speaks in American English; the other locales must have the same keys. */

export const enUS = {
  skillName: 'Live Pulse',
  launch: {
    headline_one: 'Live Pulse here. {{n}} player is online right now.',
    headline_other: 'Live Pulse here. {{n}} players are online right now.',
    headlineStale:
      "Live Pulse here. I haven't had a player update for {{age}}; at {{time}}, {{n}} were online.",
    noData: "Live Pulse here. I don't have any player numbers yet.",
    prompt:
      "Ask me how many players are online, about a station's sensors, or for a station's status.",
  },
  reprompt: 'What else would you like to know?',
  clock: '{{time}}',
  stale: {
    prefix: "I haven't had an update for {{age}}. As of {{time}}:",
  },
  players: {
    total_one: '{{n}} player is online right now.',
    total_other: '{{n}} players are online right now.',
    totalStale_one: "I haven't had an update for {{age}}. At {{time}}, {{n}} player was online.",
    totalStale_other:
      "I haven't had an update for {{age}}. At {{time}}, {{n}} players were online.",
    byOs: 'By system: {{list}}.',
    osPart: '{{n}} on {{name}}',
    byQuadrant: 'By quadrant: {{list}}.',
    quadrantPart: '{{n}} in {{name}}',
    oneOs_one: '{{n}} player is on {{name}}, {{percent}} percent of everyone online.',
    oneOs_other: '{{n}} players are on {{name}}, {{percent}} percent of everyone online.',
    oneQuadrant_one: '{{n}} player is in {{name}}, {{percent}} percent of everyone online.',
    oneQuadrant_other: '{{n}} players are in {{name}}, {{percent}} percent of everyone online.',
    none: "I don't have any player numbers yet. They arrive once the game streams its events.",
    quadrant: 'quadrant {{quadrant}}',
    unknownOs: "I don't know the system {{spoken}}. I count {{list}}. Which one would you like?",
    unknownQuadrant:
      'There is no quadrant {{spoken}}. The map has {{list}}. Which one would you like?',
  },
  trend: {
    up: 'Over {{span}}, the number of players went up {{percent}} percent, from {{first}} to {{last}}.',
    down: 'Over {{span}}, the number of players went down {{percent}} percent, from {{first}} to {{last}}.',
    flat: 'Over {{span}}, the number of players held steady at {{last}}.',
    fromZero: 'Over {{span}}, the number of players went from none to {{last}}.',
    range: 'The low was {{min}}, the high {{max}}, and the average {{average}}.',
    notEnough: "I don't have enough player numbers from {{span}} to tell a trend.",
    capped: 'I can look back up to {{limit}}, so here is {{span}}.',
    badDuration:
      "I didn't catch how far back to look. Try: how did the players change in the last ten minutes?",
  },
  sensors: {
    reading_one:
      'At {{station}}, {{the}} averaged {{value}} {{unit}} in the minute to {{time}}, from one sensor.',
    reading_other:
      'At {{station}}, {{the}} averaged {{value}} {{unit}} in the minute to {{time}}, from {{count}} sensors.',
    smoothed: 'Smoothed, that is {{value}} {{unit}}.',
    none: "I don't have any {{name}} readings from {{station}} yet.",
    notMeasured: "{{station}} doesn't measure {{name}}. It measures {{list}}.",
    unknownSensor:
      "I don't know a sensor called {{spoken}}. Stations measure {{list}}. Which one would you like?",
    missingSensor: 'Which reading would you like? Stations measure {{list}}.',
    type: {
      vib: { the: 'the vibration', unit: 'millimeters per second' },
      temp: { the: 'the temperature', unit: 'degrees Celsius' },
      hum: { the: 'the humidity', unit: 'percent' },
      wind: { the: 'the wind speed', unit: 'meters per second' },
      pres: { the: 'the air pressure', unit: 'hectopascals' },
    },
  },
  stations: {
    unknown: "I don't know a station called {{spoken}}. I know {{list}}. Which station?",
    missing: 'Which station? I know {{list}}.',
  },
  status: {
    neverReported: "{{station}} hasn't reported its state yet.",
    reported: '{{station}} last reported {{age}} ago, at {{time}}.',
    reportedNoTime: '{{station}} has reported its state.',
    values: 'It reports {{list}}.',
    pending: 'Still pending: {{list}}.',
    nothingPending: 'Nothing is pending.',
    otherValues_one: 'and one more value',
    otherValues_other: 'and {{count}} more values',
    field: {
      light: 'the light {{value}}',
      reportingIntervalSeconds: 'a reading {{value}}',
      batteryPercent: 'the battery at {{value}} percent',
      firmware: 'firmware {{value}}',
      online: 'the connection {{value}}',
    },
    online: { true: 'up', false: 'down' },
  },
  settings: {
    confirmLightOn: 'Shall I switch the light at {{station}} on?',
    confirmLightOff: 'Shall I switch the light at {{station}} off?',
    confirmInterval: 'Shall I set {{station}} to take a reading {{interval}}?',
    denied: "Okay, I've left {{station}} as it is.",
    lightRequested:
      "Done: I've asked {{station}} to switch its light {{state}}. It hasn't confirmed yet; ask me for its status in a moment.",
    intervalRequested:
      "Done: I've asked {{station}} to take a reading {{interval}}. It hasn't confirmed yet; ask me for its status in a moment.",
    lightAlready: '{{station}} already has its light {{state}}.',
    intervalAlready: '{{station}} already takes a reading {{interval}}.',
    missingLight: 'Should the light at {{station}} be on or off?',
    intervalNotAllowed: '{{station}} can take a reading {{list}}. How often would you like?',
    missingInterval: 'How often should {{station}} take a reading? It can take one {{list}}.',
  },
  statistics: {
    inSpan: 'in {{span}}',
    today: 'today',
    sensor: {
      max: 'At {{station}}, {{the}} {{period}} reached a high of {{value}} {{unit}}, at {{time}}.',
      min: 'At {{station}}, {{the}} {{period}} fell to a low of {{value}} {{unit}}, at {{time}}.',
      avg_one: 'At {{station}}, {{the}} {{period}} averaged {{value}} {{unit}}, from one reading.',
      avg_other:
        'At {{station}}, {{the}} {{period}} averaged {{value}} {{unit}}, from {{n}} readings.',
    },
    fromAverages:
      'That is from the minute averages: some readings were kept only as averages, so a single reading may have gone further.',
    sensorNone: "I don't have any {{name}} readings from {{station}} {{period}}.",
    players: {
      max_one: 'The peak {{period}} was {{n}} player online, at {{time}}.',
      max_other: 'The peak {{period}} was {{n}} players online, at {{time}}.',
      min_one: 'The low {{period}} was {{n}} player online, at {{time}}.',
      min_other: 'The low {{period}} was {{n}} players online, at {{time}}.',
      avg_one: 'On average, {{n}} player was online {{period}}.',
      avg_other: 'On average, {{n}} players were online {{period}}.',
    },
    playersNone: "I don't have any player numbers {{period}}.",
    missingStatistic: 'Would you like the highest, the lowest or the average?',
    capped: 'I keep readings for {{limit}}, so here is {{span}}.',
    badDuration:
      "I didn't catch the period. Try: what was the highest temperature at Berlin Central in the last hour?",
  },
  usual: {
    above:
      'That is unusually high for this hour: it is usually between {{low}} and {{high}} {{unit}}.',
    below:
      'That is unusually low for this hour: it is usually between {{low}} and {{high}} {{unit}}.',
    playersAbove:
      'That is more than usual for this hour, when {{low}} to {{high}} players are online.',
    playersBelow:
      'That is fewer than usual for this hour, when {{low}} to {{high}} players are online.',
  },
  alerts: {
    sensorSubject: '{{the}} at {{station}}',
    playersSubject: 'the number of players',
    rule: {
      above: '{{what}} goes above {{threshold}}',
      below: '{{what}} drops below {{threshold}}',
    },
    confirm: 'Shall I tell you when {{rule}}?',
    set: "Done: I'll tell you when {{rule}}.",
    already: "You already have that alert: I'll tell you when {{rule}}.",
    denied: "Okay, I haven't set an alert.",
    limit:
      'You have {{n}} alerts, as many as I keep. Delete one first, for example: delete the Berlin alert.',
    invalid: "Sorry, I can't set that alert: {{reason}}",
    negativePlayers: 'the number of players is never below zero.',
    missingSubject:
      'What should I watch? For example: the temperature at Berlin Central, or the number of players.',
    missingDirection:
      'Should I tell you when {{what}} goes above a value, or when it drops below one?',
    missingThreshold: 'At what value of {{what}} should I tell you?',
    none: "You don't have any alerts. To set one, say, for example: alert me when the temperature at Berlin Central goes above twenty degrees.",
    count_one: 'You have one alert.',
    count_other: 'You have {{n}} alerts.',
    item: "I'll tell you when {{rule}}.",
    firingSensor: 'That alert is firing: at {{time}}, {{station}} read {{value}} {{unit}}.',
    firingPlayers_one: 'That alert is firing: at {{time}}, {{value}} player was online.',
    firingPlayers_other: 'That alert is firing: at {{time}}, {{value}} players were online.',
    notificationsOff:
      "Notifications are off for Live Pulse, so I can't tell you when an alert fires. You can turn them on in the Alexa app.",
    deleted_one: "I've deleted your alert for {{station}}.",
    deleted_other: "I've deleted your {{n}} alerts for {{station}}.",
    noneForStation: "You don't have an alert for {{station}}.",
    confirmDeleteAll_one: 'Shall I delete your alert?',
    confirmDeleteAll_other: 'Shall I delete all {{n}} of your alerts?',
    deletedAll_one: "Done: I've deleted your alert.",
    deletedAll_other: "Done: I've deleted all {{n}} of your alerts.",
    keptAll: "Okay, I've kept your alerts.",
    permissionDenied:
      "Without permission to send you notifications, I can't tell you when an alert fires, so I haven't set it. I've sent a card to the Alexa app where you can allow them.",
    permissionFailed:
      "I couldn't ask you for permission to send notifications, so I haven't set the alert. I've sent a card to the Alexa app where you can allow them.",
  },
  duration: {
    seconds_one: '{{count}} second',
    seconds_other: '{{count}} seconds',
    minutes_one: '{{count}} minute',
    minutes_other: '{{count}} minutes',
    hours_one: '{{count}} hour',
    hours_other: '{{count}} hours',
    days_one: '{{count}} day',
    days_other: '{{count}} days',
  },
  every: {
    seconds_one: 'every second',
    seconds_other: 'every {{count}} seconds',
    minutes_one: 'every minute',
    minutes_other: 'every {{count}} minutes',
    hours_one: 'every hour',
    hours_other: 'every {{count}} hours',
    days_one: 'every day',
    days_other: 'every {{count}} days',
  },
  lastSpan: {
    seconds_one: 'the last second',
    seconds_other: 'the last {{count}} seconds',
    minutes_one: 'the last minute',
    minutes_other: 'the last {{count}} minutes',
    hours_one: 'the last hour',
    hours_other: 'the last {{count}} hours',
    days_one: 'the last day',
    days_other: 'the last {{count}} days',
  },
  posts: {
    intro: 'Here is your post “{{title}}”.',
    playing: 'Playing your post “{{title}}”.',
    processing:
      'Your post “{{title}}” is still being turned into speech. Ask me again in a minute.',
    failed: "Sorry, I couldn't turn your post “{{title}}” into speech.",
    none: "You don't have any posts yet.",
    list_one: 'Your latest post is {{list}}.',
    list_other: 'Your latest posts are {{list}}.',
    item: '“{{title}}”, {{status}}',
    status: { COMPLETED: 'ready to play', PROCESSING: 'still being prepared', FAILED: 'failed' },
    notFound: "I couldn't find a post about {{spoken}}. {{latest}} Which one would you like?",
    missingTitle: 'Which post would you like? Say, for example: play the post about the weather.',
    nothingToResume: "There's nothing to resume.",
  },
  playback: {
    nothingPlaying: 'Nothing is playing right now. To hear a post, say: read my latest post.',
    notFound: "I can't find the post that was playing among your latest posts.",
    noNext: "There's no older post ready to play.",
    noPrevious: "There's no newer post ready to play.",
    startOver: 'Playing your post “{{title}}” from the beginning.',
    nothingToRepeat: "I haven't said anything I could repeat yet.",
    loopOn: "I can't loop a post: I play each one once.",
    loopOff: 'Looping is off: I play each post once.',
    shuffleOn: "I can't shuffle your posts: I play them in order, newest first.",
    shuffleOff: 'Shuffle is off: I play your posts in order, newest first.',
  },
  help: {
    speech:
      'You can ask how many players are online, how many play on Android, how many are in quadrant B, or how the players changed in the last ten minutes. About stations, ask for the temperature at Seattle Harbor, the status of Berlin Central, or to switch its light on. Ask for the highest temperature at Berlin Central today, or the peak player count in the last hour, and say: alert me when the temperature at Berlin Central goes above twenty degrees. And I can read you your latest post. What would you like to know?',
    reprompt: 'Try: how many players are online?',
  },
  fallback: {
    speech:
      "Live Pulse can't help with that. You can ask about players online, a station's sensors, or a station's status. What would you like?",
  },
  goodbye: 'Goodbye.',
  errors: {
    generic: 'Sorry, something went wrong on my side. Please try again.',
    dynamodb: "Sorry, I can't reach the live numbers right now. Please try again in a moment.",
    'iot-data': "Sorry, I can't reach the stations right now. Please try again in a moment.",
  },
  cards: {
    players: 'Players online',
    trend: 'Player trend',
    sensors: 'Station sensors',
    status: 'Station status',
    settings: 'Station settings',
    posts: 'Posts',
    statistics: 'Statistics',
    alerts: 'Alerts',
  },
} as const;
