/** Alexa notifications, named once for the manifest, the alerts service and the voice: the permission, the event Pulse publishes, the event it subscribes to. */

/** The permission a user grants (in the Alexa app, or by voice consent) before a skill may notify them. */
export const NOTIFICATIONS_PERMISSION = 'alexa::devices:all:notifications:write';

/** The Proactive Events schema of Pulse's alerts: Amazon's message alert (no free text). */
export const ALERT_EVENT_NAME = 'AMAZON.MessageAlert.Activated';

/** The skill event Alexa sends when a user turns Pulse's notifications on or off. */
export const PROACTIVE_SUBSCRIPTION_EVENT = 'SKILL_PROACTIVE_SUBSCRIPTION_CHANGED';
