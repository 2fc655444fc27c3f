"""Reading the leagues' data, without Django: `client` (HTTP and file sources, the PD and SBA endpoints), `parsing`
(JSON into frozen `records`, with per-record problems and the 108-chance rule), `sba_cards` (the SBA card file
format), `fetch` (one PD player or SBA season, fetched and parsed) and `importer` (batches, sinks, the report).
The database writes live in `leagues.services`."""
