package org.core20monitor.core.event;

import java.io.Serializable;
import java.util.List;

/**
 * One validated outpatient event (SPEC §3). Optional fields are null when absent; enum fields
 * that only apply to attendances are null on other event types.
 *
 * @param eventTimeMillis   event time as epoch milliseconds (the offset is only needed to read it)
 * @param clockStartEpochDay the pathway's clock-start date as a Europe/London epoch day, or null
 */
public record OutpatientEvent(
        String eventId,
        EventType type,
        long eventTimeMillis,
        String patientId,
        String pathwayId,
        String icb,
        String provider,
        String specialty,
        String lsoa,
        Integer imdDecile,
        String ethnicity,
        String sex,
        Integer age,
        List<String> plusGroups,
        Appointment appointment,
        AttendanceStatus attendance,
        Medium medium,
        Outcome outcome,
        Integer clockStartEpochDay) implements Serializable {

    public boolean attended() {
        return type == EventType.ATTENDANCE && attendance == AttendanceStatus.ATTENDED;
    }
}
