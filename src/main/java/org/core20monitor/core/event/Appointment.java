package org.core20monitor.core.event;

public enum Appointment { FIRST, FOLLOW_UP }
