// Tests assert what the user hears; the skill's JSON logs would only bury jest's report.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
// Metrics print embedded-metric-format JSON; the tests count what they need themselves.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
