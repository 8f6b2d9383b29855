package org.core20monitor.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * What an analyst might run instead: DuckDB (in process, through JDBC, all cores) over the same
 * JSON Lines file, with the IMD 2025 lookup joined in, counting the headline event metrics by month
 * (London time), ICB, IMD quintile and ethnic group. It keeps the first record of each event id and
 * drops lines that are not JSON or lack the fields the counts need, but checks nothing else of the
 * input contract, tracks no pathways and routes to no other scope: less than the plain loop does, and
 * far less than the job.
 *
 * <p>Prints one line: {@code RESULT records attended groups millis}: distinct event ids kept, attended
 * attendances among them, rows of the result.
 */
public final class DuckDbAggregation {

    private DuckDbAggregation() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path imd = Path.of(args[1]);
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            sql.execute("SET TimeZone = 'Europe/London'");
            sql.execute("CREATE TABLE imd AS SELECT lsoa21_code AS lsoa, imd_decile AS decile FROM read_csv('"
                    + quoted(imd) + "', header = true)");
            sql.execute("""
                    CREATE TABLE events AS
                    SELECT * FROM read_json('%s', format = 'newline_delimited', ignore_errors = true,
                        columns = {event_id: 'VARCHAR', event_type: 'VARCHAR', event_time: 'TIMESTAMPTZ',
                                   icb: 'VARCHAR', lsoa: 'VARCHAR', imd_decile: 'INTEGER', ethnicity: 'VARCHAR',
                                   appointment: 'VARCHAR', attendance: 'VARCHAR', medium: 'VARCHAR',
                                   outcome: 'VARCHAR'})
                    WHERE event_id IS NOT NULL AND event_type IS NOT NULL AND event_time IS NOT NULL
                      AND icb IS NOT NULL
                    QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY event_time) = 1
                    """.formatted(quoted(file)));
            sql.execute("""
                    CREATE TABLE cells AS
                    WITH e AS (
                      SELECT strftime(event_time, '%Y-%m') AS period, icb,
                             (coalesce(imd.decile, events.imd_decile) + 1) // 2 AS quintile,
                             CASE WHEN ethnicity IN ('A','B','C') THEN 'white'
                                  WHEN ethnicity IN ('D','E','F','G') THEN 'mixed'
                                  WHEN ethnicity IN ('H','J','K','L') THEN 'asian'
                                  WHEN ethnicity IN ('M','N','P') THEN 'black'
                                  WHEN ethnicity IN ('R','S') THEN 'other' ELSE 'unknown' END AS ethnic_group,
                             event_type = 'ATTENDANCE' AND attendance = 'ATTENDED' AS attended,
                             event_type, appointment, attendance, medium, outcome
                      FROM events LEFT JOIN imd USING (lsoa))
                    SELECT period, icb, quintile, ethnic_group,
                           count(*) FILTER (WHERE attended) AS attended,
                           count(*) FILTER (WHERE attended AND outcome = 'PIFU') AS pifu,
                           count(*) FILTER (WHERE attended AND outcome = 'DISCHARGED') AS discharged,
                           count(*) FILTER (WHERE event_type = 'ATTENDANCE' AND attendance = 'DNA') AS dna,
                           count(*) FILTER (WHERE attended AND medium IN ('TELEPHONE', 'VIDEO')) AS remote,
                           count(*) FILTER (WHERE attended AND appointment = 'FOLLOW_UP') AS follow_up,
                           count(*) FILTER (WHERE attended AND appointment = 'FIRST') AS first,
                           count(*) FILTER (WHERE event_type = 'ADVICE_REQUEST') AS advice,
                           count(*) FILTER (WHERE event_type = 'PIFU_RETURN') AS pifu_returns
                    FROM e GROUP BY ALL
                    """);
            try (ResultSet r = sql.executeQuery("SELECT (SELECT count(*) FROM events), sum(attended), count(*) FROM cells")) {
                r.next();
                long millis = (System.nanoTime() - started) / 1_000_000;
                System.out.println("RESULT " + r.getLong(1) + " " + r.getLong(2) + " " + r.getLong(3) + " " + millis);
            }
        }
    }

    private static String quoted(Path path) {
        return path.toAbsolutePath().toString().replace("'", "''");
    }
}
