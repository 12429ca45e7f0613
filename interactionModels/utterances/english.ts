/**
 * Phrasing both English locales share, as templates: each intent asked as a question, given as a
 * command, said as a bare phrase, with the carrier phrases people put around a request ("can you
 * tell me…", "I'd like to know…"), with and without its slots. en-US.ts and en-GB.ts add their idioms.
 */
import { Intent, type CustomIntentName } from '../../domain/names';
import { phrasings } from '../templates';

/** What people put before a question they ask indirectly ("tell me what the temperature is"). */
const ASKING =
  "(tell me|can you tell me|could you tell me|do you know|i want to know|i'd like to know|let me know)";
/** What people put before a thing they want said ("give me the player count"). */
const GIVE = '(tell me|give me|get me|show me|read me|check)';
/** How people say now at the end of a question. */
const NOW = '[(right now|now|currently)]';
/** Where a station is: "at Berlin Central", "in Berlin", "for the harbor", "from Munich". */
const AT = '(at|in|for|from)';
/** The people in the game. */
const PLAYERS = '(players|people|gamers|users)';
const COUNT = '(player count|number of players|players online)';
/** The span a statistic covers: a spoken duration, or a calendar period ("today"). */
const SPAN = '[((in|over) the (last|past) {duration}|{period})]';
/** How people ask to be told: "alert me", "let me know", "give me a shout". */
const NOTIFY =
  '(alert me|notify me|tell me|let me know|warn me|ping me|give me a shout|send me a notification|send me an alert)';
const WHEN = '(when|if)';
const ALERTS = '(alerts|notifications)';
const PLAYER_COUNT = '(player count|number of players)';
/** A post, and its recency. */
const LATEST = '(latest|newest|most recent|last|recent|new)';

export const sharedEnglishSamples: { readonly [I in CustomIntentName]: readonly string[] } = {
  [Intent.PlayersOnline]: phrasings(Intent.PlayersOnline, [
    `how many ${PLAYERS} are (online|playing|on|in the game|logged in|connected|active) ${NOW}`,
    'how many are (online|playing) [now]',
    'how many (players|people) do we have [(online|playing)]',
    '(is anyone|is anybody|are people|are any players) (online|playing) [right now]',
    `(what's|what is) the [(current|live|latest)] ${COUNT}`,
    'how (busy|full) is the game [(right now|now)]',
    // Bare too: after "ask live pulse" the question is indirect ("… how many players are online").
    `[${ASKING}] how many (players|people) are (online|playing)`,
    `${ASKING} the ${COUNT}`,
    `${GIVE} the [(current|latest)] ${COUNT}`,
    '[the] [current] player count',
    `(count|check) the players`,
  ]),
  [Intent.PlayersByOs]: phrasings(Intent.PlayersByOs, [
    `how many ${PLAYERS} are (on|using|playing on|online on) {os} [right now]`,
    'how many are (on|using|playing on) {os} [now]',
    `how many {os} ${PLAYERS} are (there|online|playing)`,
    `how many ${PLAYERS} (use|play on|have) {os}`,
    `(what's|what is) the (player count|number of players) (on|for) {os}`,
    `[${ASKING}] how many (players|people) are (on|using) {os}`,
    `${GIVE} the (player count|number of players) (on|for) {os}`,
    '[the] players (on|using) {os}',
    `how many ${PLAYERS} are on each (platform|system|operating system)`,
    `(break down|split) the players by (platform|system|operating system)`,
  ]),
  [Intent.PlayersByQuadrant]: phrasings(Intent.PlayersByQuadrant, [
    `how many ${PLAYERS} are [there] in (quadrant {quadrant}|{quadrant}|the {quadrant} quadrant)`,
    'how many are in (quadrant {quadrant}|the {quadrant} quadrant) [now]',
    'how many (players|people) are (playing|active) in quadrant {quadrant} [right now]',
    'how (busy|crowded|full|popular) is (quadrant {quadrant}|the {quadrant} quadrant) [now]',
    `(what's|what is) the (player count|number of players) (in|for) quadrant {quadrant}`,
    `[${ASKING}] how many (players|people) are in quadrant {quadrant}`,
    `${GIVE} the (player count|number of players) (in|for) quadrant {quadrant}`,
    '[the] players in quadrant {quadrant}',
    `how many ${PLAYERS} are in each quadrant`,
    '(break down|split) the players by quadrant',
  ]),
  [Intent.PlayersTrend]: phrasings(Intent.PlayersTrend, [
    'how has the (player count|number of players) (changed|developed) [(over|in) the (last|past) {duration}]',
    'how did the (player count|number of players) change [(over|in) the (last|past) {duration}]',
    "(what's|what is) the player trend [(over|for) the (last|past) {duration}]",
    'is the (player count|number of players) (going up|going down|rising|falling|growing|shrinking)',
    '(are there|do we have) (more|fewer|less) players than {duration} ago',
    `${GIVE} the player trend [for the (last|past) {duration}]`,
    `[${ASKING}] how the player count (has changed|changed) [over the last {duration}]`,
    '(has|did) the player count (gone up|go up|gone down|go down|changed|change) [in the last {duration}]',
    '(how many players|the player count) compared to {duration} ago',
    '[the] player trend [for the last {duration}]',
    '(are|have) (players|people) (joining|leaving)',
    // Change asked as change: busier or quieter, more or fewer than before, gained or lost.
    "(is the game|is it|it's) getting (busier|quieter|emptier|more crowded|more popular)",
    '(is the game|is it) (emptying out|filling up|picking up|dying down|quietening down|calming down)',
    '(has|did) the game (pick up|picked up|die down|died down|empty out|emptied out|fill up|filled up)',
    '(have|did) we (lost|gained|lose|gain) (players|people) [(in the last {duration}|since {duration} ago)]',
    '(has|did) the game (get|got|gotten) (busier|quieter)',
    '(are there|have we got) (more|fewer) (players|people) [(playing|online)] than (before|earlier|{duration} ago)',
    'are (more|fewer|less) (players|people) (playing|online|on) than (before|earlier)',
    '(are we|is the game) (losing|gaining|getting more|getting fewer|picking up) (players|people)',
    'has the (number of players|count|head count) (gone up|gone down|increased|decreased|dropped|risen)',
    'did the (number of players|count) (go up|go down|increase|drop|rise)',
    'have (player numbers|the numbers) (gone up|gone down|increased|dropped)',
    '(are|is) (player numbers|the player numbers) (up|down|going up|going down|rising|falling)',
    '(is|are) (the player count|player numbers) (higher|lower) than (before|earlier|{duration} ago)',
  ]),
  [Intent.SensorReading]: phrasings(Intent.SensorReading, [
    `(what's|what is|what was) the [(current|latest)] {sensor} ${AT} {station}`,
    "(what's|what is) the {sensor} (at|in) {station} (right now|now|currently)",
    "(what's|what is) the {sensor} like (at|in) {station}",
    'how (high|low|strong) is the {sensor} (at|in) {station} [now]',
    'how {sensor} is it (at|in|over at) {station} [(right now|now|today|at the moment)]',
    'is it {sensor} (at|in) {station} [(right now|now|today)]',
    // Present tense, so that the past ("how windy did it get") is a statistic, not a reading.
    'is it {sensor} (out|outside|out there) (at|in) {station} [(right now|now|today)]',
    'how (fast|hard|strong) is the {sensor} (blowing|gusting) (at|in) {station} [(right now|now)]',
    'what (did|does) the {sensor} sensor (at|in) {station} (measure|read|say|show)',
    'what are the {sensor} readings (at|in|from) {station}',
    `[${ASKING}] (what|how high) the {sensor} is (at|in) {station}`,
    `[${ASKING}] how {sensor} it is (at|in) {station}`,
    `${GIVE} the [current] {sensor} (at|in|for) {station}`,
    'read the {sensor} (at|in|from) {station}',
    '[the] {sensor} (at|in) {station}',
    '[the] {sensor} reading (at|from|for) {station}',
    "(what's|what is) the {sensor} [(right now|now|at the moment)]",
    'how {sensor} is it [(right now|now|today|outside)]',
    `(what's|what is) the (latest|current) (reading|readings|measurement|sensor data) (at|in|from) {station}`,
    `${GIVE} the latest (readings|sensor data) (at|from) {station}`,
    'what (did|does) {station} (measure|read)',
    "(what's|what is) the (latest|current) (value|values|numbers) (at|in|from|for) {station}",
    `${GIVE} the (latest|current) (values|numbers) (at|from|for) {station}`,
    'how much is [the] {station} {sensor} [(right now|now|today|at the moment)]',
    'is [the] {station} {sensor} [(a lot|much|right now|now|today|at the moment)]',
    'is it {sensor} (at|in|over at) {station} [(right now|now|today|at the moment)]',
    'how much {sensor} is there (at|in) {station} [(right now|now|today)]',
    "(what's|what is|how's|how is) the weather [(like|doing)] (at|in|over at) {station} [(right now|now|today|at the moment)]",
  ]),
  [Intent.StationStatus]: phrasings(Intent.StationStatus, [
    "(what's|what is) the [(current|device)] (status|state) (of|at|for) {station}",
    "how (is|'s) {station} doing",
    'is {station} (online|working|running|up|okay|ok|reporting)',
    'is the station (at|in) {station} (online|working|running|okay)',
    'are the (sensors|devices) (at|in) {station} working',
    'is everything (okay|ok|fine|alright|all right) (at|in|with) {station}',
    '(check|give me|tell me|get me|show me) the status (of|at|for) {station}',
    '[give me a] status report (for|on) {station}',
    '[the] status of {station}',
    'when did {station} last (report|check in|send data)',
    '(is there anything|are there any changes|is there a change) (pending|outstanding) (at|for) {station}',
    'has {station} (applied|picked up|taken) the (change|new settings)',
    'is the light (at|in) {station} (on|off)',
    "(what's|what is) the reporting interval (at|of|for) {station}",
    `[${ASKING}] (how {station} is doing|whether {station} is online)`,
    'how are the stations doing',
  ]),
  [Intent.SetStationLight]: phrasings(Intent.SetStationLight, [
    '(turn|switch|put|set) the (light|lights|lamp) {lightState} (at|in) {station}',
    '(turn|switch) {lightState} the (light|lights|lamp) (at|in) {station}',
    '{lightState} the (light|lights) (at|in) {station}',
    'set the light (at|in) {station} to {lightState}',
    '(can|could) you (turn|switch) the (light|lights) {lightState} (at|in) {station}',
    '(can|could) you (turn|switch) {lightState} the (light|lights) (at|in) {station}',
    "(i want|i'd like) the light (at|in) {station} {lightState}",
    '(turn|switch) the {station} (light|lights) {lightState}',
    '(turn|switch) the light {lightState}',
    '(turn|switch) {lightState} the light',
    '(light|lights) {lightState} (at|in) {station}',
    '(toggle|switch|change) the light (at|in) {station}',
  ]),
  [Intent.SetReportingInterval]: phrasings(Intent.SetReportingInterval, [
    '(set|change|update) the (reporting interval|report interval|reporting frequency|update rate) (at|for|of) {station} to [every] {interval}',
    '(set|change|update) the (reporting|report) interval to [every] {interval}',
    '(make|have|let|tell) {station} (report|check in|send data|send its readings|send readings) every {interval}',
    'set {station} to report every {interval}',
    '{station} should report every {interval}',
    '(can|could) you make {station} report every {interval}',
    "(i want|i'd like) {station} to report every {interval}",
    'change how often {station} reports [to every {interval}]',
    '(change|update) the reporting interval (at|for|of) {station}',
  ]),
  [Intent.ReadLatestPost]: phrasings(Intent.ReadLatestPost, [
    `(read|play) [me] (my|the) ${LATEST} post`,
    `(read out|play back) (my|the) ${LATEST} post`,
    `(what's|what is) (my|the) ${LATEST} post`,
    `(what's|what is) in (my|the) (latest|newest|last) post`,
    'what does (my|the) (latest|newest|last) post say',
    `(i want to|i wanna|i'd like to|let me) (hear|listen to) (my|the) ${LATEST} post`,
    '(can|could) you (read|play) [me] (my|the) (latest|newest|most recent) post',
    `(read|play) [me] the last thing i posted`,
    `(my|the) (latest|newest|most recent) post`,
    // The newest said loosely: "anything new", "the newest one", "what did they post last".
    '[(is there|have you got|got)] anything new',
    "(what's|what is) new",
    '(play|read) [me] the (latest|newest|most recent|last) one',
    '(the|my) (latest|newest|most recent) one',
    '(what did (they|you|we|i) (post|put up)|what have (they|you|we) posted) last',
    '(what was|what got|what has been) posted last',
    'what was the (last|latest|newest) (post|thing posted)',
  ]),
  [Intent.ListPosts]: phrasings(Intent.ListPosts, [
    `(what are|which are|list|tell me|show me|give me|read me) (my|the) [${LATEST}] posts`,
    'what posts (do i have|are there|are ready|have i got)',
    'which posts (do i have|are there|are ready)',
    '(list|show|name) [all] (my|the) posts',
    'what have i posted [(recently|lately)]',
    'what did i post [(recently|lately)]',
    "(what's|what has|what have) been posted [(recently|lately)]",
    'what (did they|has anyone|have they) post [(recently|lately)]',
    'how many posts (do i have|are there)',
    '(are there|do i have) any [new] posts',
    `[(my|the)] ${LATEST} posts`,
    'my posts',
  ]),
  [Intent.PlayPost]: phrasings(Intent.PlayPost, [
    '(play|read) [me] (the|my) post (about|called|titled|named|on) {title}',
    '(play|read) [me] the one (about|called|on) {title}',
    '(play|read) [me] the {title} post',
    '(i want to|let me) (hear|listen to) the post (about|called|on) {title}',
    "i'd like to (hear|listen to) the post (about|called|on) {title}",
    '(find|look up|search for) the post (about|called|titled) {title}',
    '(can|could) you (play|read) the post (about|called|on) {title}',
    'read out the post (about|called) {title}',
    'the post (about|called) {title}',
    // A title said with any carrier: "play <title>", "the one on <title>", "the <title> post".
    'play {title}',
    '(can|could) you (play|read) [me] the {title} post',
    '(find|look up|search for) the (post|one) (on|named) {title}',
    '(play|read|put on) the (post|one) (titled|named|on) {title}',
    'put on the (post|one) (about|called) {title}',
    "(i want to|i wanna|i'd like to|let me) (hear|listen to) the {title} post",
    '(i want to|i wanna) (hear|listen to) the (post|one) (about|called|on|titled) {title}',
    '(play|read) [me] the post that is (about|called) {title}',
  ]),
  [Intent.SensorStatistics]: phrasings(Intent.SensorStatistics, [
    `(what was|what's) the {statistic} {sensor} (at|in) {station} ${SPAN}`,
    `(what was|what's) the {statistic} {sensor} ${SPAN} (at|in) {station}`,
    'what is the {statistic} {sensor} (at|in|for|from) {station} [{period}]',
    `(what was|what's) the {sensor} (at|in) {station} {statistic} ${SPAN}`,
    `(tell me|give me|get me) the {statistic} {sensor} (at|in|for) {station} ${SPAN}`,
    `[(tell me|can you tell me|i want to know)] what the {statistic} {sensor} was (at|in) {station} ${SPAN}`,
    `how (high|low) was the {statistic} {sensor} (at|in) {station} ${SPAN}`,
    `{statistic} {sensor} (at|in|for) {station} ${SPAN}`,
    "(what was|what's) the {statistic} {sensor} [{period}]",
    "(what was|what's) the {statistic} {sensor} (in|over) the (last|past) {duration}",
    // The statistic in the sensor's adjective: "how cold did it get" asks for the lowest. Few
    // forms, each past or with a period, so that "how cold is it" stays a reading.
    'how {sensor} did it get (at|in) {station} [{period}]',
    'how {sensor} did it get (at|in) {station} (in|over) the (last|past) {duration}',
    'how {sensor} did it get [{period}]',
    'how {sensor} did {station} get [{period}]',
    'how {sensor} was it (at|in) {station} {period}',
    'how {sensor} (was it|has it been) (at|in) {station} (in|over) the (last|past) {duration}',
  ]),
  [Intent.PlayersStatistics]: phrasings(Intent.PlayersStatistics, [
    `(what was|what's) the {statistic} ${PLAYER_COUNT} ${SPAN}`,
    `(what was|what's) the (player|players) {statistic} ${SPAN}`,
    `(what was|what's) the {statistic} for (the players|players) ${SPAN}`,
    `how many (players|people) were (online|playing|on) {statistic} ${SPAN}`,
    `how many players did we have {statistic} ${SPAN}`,
    `what's the {statistic} (players|people) we've had [online] ${SPAN}`,
    `(give me|tell me) the {statistic} ${PLAYER_COUNT} ${SPAN}`,
    `[(tell me|can you tell me)] what the {statistic} player count was ${SPAN}`,
    `[(tell me|can you tell me)] what the (player|players) {statistic} was ${SPAN}`,
    `{statistic} (players|player count|number of players) ${SPAN}`,
  ]),
  [Intent.SetAlert]: phrasings(Intent.SetAlert, [
    `${NOTIFY} ${WHEN} the {sensor} (at|in) {station} {direction} {threshold} [(degrees|percent)]`,
    `${NOTIFY} when the {sensor} {direction} {threshold} (at|in) {station}`,
    '(set|create) (an alert|a notification) for when the {sensor} (at|in) {station} {direction} {threshold} [degrees]',
    '(can|could) you (alert me|notify me|let me know) when the {sensor} at {station} {direction} {threshold}',
    `${NOTIFY} ${WHEN} the {subject} {direction} {threshold}`,
    `${NOTIFY} when {subject} {direction} {threshold}`,
    `${NOTIFY} when {direction} {threshold} {subject} are (online|playing|on)`,
    `${NOTIFY} when there are {direction} {threshold} {subject} [online]`,
    '(set|create) (an alert|a notification) for when [the] {subject} {direction} {threshold}',
  ]),
  [Intent.ListAlerts]: phrasings(Intent.ListAlerts, [
    `(what|which) ${ALERTS} (are|have been) (active|set|on|running|live)`,
    `(what|which) ${ALERTS} (do i have|have i set|have i got) [(active|set up|on)]`,
    `(list|read|show me|tell me|give me) (my|the) [active] ${ALERTS}`,
    `(are there|do i have|have i got) any [active] ${ALERTS} [(set|set up|on)]`,
    `[(tell me|can you tell me)] (what|which) ${ALERTS} (are active|i have|i've set)`,
    `(my|the) [active] ${ALERTS}`,
    `(is|are) any ${ALERTS} (firing|going off)`,
  ]),
  [Intent.DeleteAlert]: phrasings(Intent.DeleteAlert, [
    '(delete|remove|cancel|clear|scrap) (the|my) (alert|notification) (for|at|in|on|about) {station}',
    '(delete|remove|cancel|clear|scrap) (the|my) {station} (alert|notification)',
    'get rid of the (alert|notification) (for|at|on) {station}',
    '(stop|quit) (alerting|notifying|warning) me about {station}',
    '(can|could) you (delete|remove|cancel) the (alert|notification) (for|at|on) {station}',
  ]),
  [Intent.DeleteAllAlerts]: phrasings(Intent.DeleteAllAlerts, [
    `(delete|remove|cancel|clear|scrap|wipe) all [(my|the)] ${ALERTS}`,
    `(delete|remove|cancel|clear) (all of|every one of) (my|the) ${ALERTS}`,
    '(delete|remove|cancel|clear|wipe) (every|each) (alert|notification)',
    `get rid of all [(my|the)] ${ALERTS}`,
    `(i want to|i'd like to) (delete|remove|clear|cancel) all [(my|the)] ${ALERTS}`,
    `(can|could) you (delete|remove|clear|cancel) all [(my|the)] ${ALERTS}`,
    `(no more|reset my) ${ALERTS}`,
  ]),
};

/** What users answer when Alexa asks for a station, an interval or a light state, in either English. */
export const englishStationAnswers = [
  '{station}',
  'at {station}',
  'in {station}',
  'for {station}',
  'the station at {station}',
] as const;

export const englishIntervalAnswers = [
  '{interval}',
  'every {interval}',
  'once every {interval}',
  'set it to {interval}',
] as const;

/** The shared samples plus a locale's own phrasings, intent by intent, each sample once. */
export function withLocalPhrasing(localPhrasing: {
  readonly [I in CustomIntentName]?: readonly string[];
}): { readonly [I in CustomIntentName]: readonly string[] } {
  const merged = { ...sharedEnglishSamples };
  for (const intent of Object.keys(merged) as CustomIntentName[]) {
    merged[intent] = [
      ...new Set([...sharedEnglishSamples[intent], ...(localPhrasing[intent] ?? [])]),
    ];
  }
  return merged;
}
