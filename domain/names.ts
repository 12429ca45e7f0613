/** Intent, slot and slot-type names: the only place they are spelled; the voice model and the handlers import them. */

export const Intent = {
  PlayersOnline: 'PlayersOnlineIntent',
  PlayersByOs: 'PlayersByOsIntent',
  PlayersByQuadrant: 'PlayersByQuadrantIntent',
  PlayersTrend: 'PlayersTrendIntent',
  SensorReading: 'SensorReadingIntent',
  StationStatus: 'StationStatusIntent',
  SetStationLight: 'SetStationLightIntent',
  SetReportingInterval: 'SetReportingIntervalIntent',
  ReadLatestPost: 'ReadLatestPostIntent',
  ListPosts: 'ListPostsIntent',
  PlayPost: 'PlayPostIntent',
  SensorStatistics: 'SensorStatisticsIntent',
  PlayersStatistics: 'PlayersStatisticsIntent',
  SetAlert: 'SetAlertIntent',
  ListAlerts: 'ListAlertsIntent',
  DeleteAlert: 'DeleteAlertIntent',
  DeleteAllAlerts: 'DeleteAllAlertsIntent',
  Help: 'AMAZON.HelpIntent',
  Stop: 'AMAZON.StopIntent',
  Cancel: 'AMAZON.CancelIntent',
  Fallback: 'AMAZON.FallbackIntent',
  NavigateHome: 'AMAZON.NavigateHomeIntent',
  /** AudioPlayer skills must handle these: Pause and Resume, and the rest of the player's built-ins. */
  Pause: 'AMAZON.PauseIntent',
  Resume: 'AMAZON.ResumeIntent',
  Next: 'AMAZON.NextIntent',
  Previous: 'AMAZON.PreviousIntent',
  StartOver: 'AMAZON.StartOverIntent',
  Repeat: 'AMAZON.RepeatIntent',
  LoopOn: 'AMAZON.LoopOnIntent',
  LoopOff: 'AMAZON.LoopOffIntent',
  ShuffleOn: 'AMAZON.ShuffleOnIntent',
  ShuffleOff: 'AMAZON.ShuffleOffIntent',
} as const;

export type IntentName = (typeof Intent)[keyof typeof Intent];

export const Slot = {
  Os: 'os',
  Quadrant: 'quadrant',
  Duration: 'duration',
  Sensor: 'sensor',
  Station: 'station',
  LightState: 'lightState',
  Interval: 'interval',
  Title: 'title',
  Statistic: 'statistic',
  /** A calendar period ("today") that AMAZON.DURATION cannot carry. */
  Period: 'period',
  Subject: 'subject',
  Direction: 'direction',
  Threshold: 'threshold',
} as const;

export type SlotName = (typeof Slot)[keyof typeof Slot];

export const SlotType = {
  Os: 'OS',
  Quadrant: 'QUADRANT',
  Sensor: 'SENSOR',
  Station: 'STATION',
  LightState: 'LIGHT_STATE',
  Statistic: 'STATISTIC',
  Period: 'PERIOD',
  AlertSubject: 'ALERT_SUBJECT',
  AlertDirection: 'ALERT_DIRECTION',
  Duration: 'AMAZON.DURATION',
  Number: 'AMAZON.NUMBER',
  SearchQuery: 'AMAZON.SearchQuery',
} as const;

export type SlotTypeName = (typeof SlotType)[keyof typeof SlotType];

/** Which slots each custom intent carries, and of which type: the generator and handlers share it. */
export const IntentSlots = {
  [Intent.PlayersOnline]: {},
  [Intent.PlayersByOs]: { [Slot.Os]: SlotType.Os },
  [Intent.PlayersByQuadrant]: { [Slot.Quadrant]: SlotType.Quadrant },
  [Intent.PlayersTrend]: { [Slot.Duration]: SlotType.Duration },
  [Intent.SensorReading]: { [Slot.Sensor]: SlotType.Sensor, [Slot.Station]: SlotType.Station },
  [Intent.StationStatus]: { [Slot.Station]: SlotType.Station },
  [Intent.SetStationLight]: {
    [Slot.Station]: SlotType.Station,
    [Slot.LightState]: SlotType.LightState,
  },
  [Intent.SetReportingInterval]: {
    [Slot.Station]: SlotType.Station,
    [Slot.Interval]: SlotType.Duration,
  },
  [Intent.ReadLatestPost]: {},
  [Intent.ListPosts]: {},
  [Intent.PlayPost]: { [Slot.Title]: SlotType.SearchQuery },
  [Intent.SensorStatistics]: {
    [Slot.Statistic]: SlotType.Statistic,
    [Slot.Sensor]: SlotType.Sensor,
    [Slot.Station]: SlotType.Station,
    [Slot.Duration]: SlotType.Duration,
    [Slot.Period]: SlotType.Period,
  },
  [Intent.PlayersStatistics]: {
    [Slot.Statistic]: SlotType.Statistic,
    [Slot.Duration]: SlotType.Duration,
    [Slot.Period]: SlotType.Period,
  },
  [Intent.SetAlert]: {
    [Slot.Subject]: SlotType.AlertSubject,
    [Slot.Sensor]: SlotType.Sensor,
    [Slot.Station]: SlotType.Station,
    [Slot.Direction]: SlotType.AlertDirection,
    [Slot.Threshold]: SlotType.Number,
  },
  [Intent.ListAlerts]: {},
  [Intent.DeleteAlert]: { [Slot.Station]: SlotType.Station },
  [Intent.DeleteAllAlerts]: {},
} as const satisfies Record<string, Partial<Record<SlotName, SlotTypeName>>>;

export type CustomIntentName = keyof typeof IntentSlots;

export const CUSTOM_INTENTS = Object.keys(IntentSlots) as CustomIntentName[];

/** The slots of a custom intent with their types, in the order IntentSlots lists them. */
export function slotsOf(intent: CustomIntentName): { name: SlotName; type: SlotTypeName }[] {
  return Object.entries(IntentSlots[intent]).map(([name, type]) => ({
    name: name as SlotName,
    type: type as SlotTypeName,
  }));
}

/** Intents that change the world: Alexa asks the user to confirm them (Dialog.ConfirmIntent). */
export const CONFIRMED_INTENTS: readonly CustomIntentName[] = [
  Intent.SetStationLight,
  Intent.SetReportingInterval,
];
