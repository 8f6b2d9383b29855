package org.core20monitor.core.event;

public enum Outcome { DISCHARGED, FOLLOW_UP, PIFU }
