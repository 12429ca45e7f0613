// Tests assert what the user hears; the skill's JSON logs would only bury jest's report.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
