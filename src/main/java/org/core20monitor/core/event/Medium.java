package org.core20monitor.core.event;

public enum Medium { FACE_TO_FACE, TELEPHONE, VIDEO }
