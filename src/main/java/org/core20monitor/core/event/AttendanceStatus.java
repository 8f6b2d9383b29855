package org.core20monitor.core.event;

public enum AttendanceStatus { ATTENDED, DNA, CANCELLED_BY_PATIENT, CANCELLED_BY_PROVIDER }
