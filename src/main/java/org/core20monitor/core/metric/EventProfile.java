package org.core20monitor.core.metric;

import java.io.Serializable;
import java.util.List;

/** The patient characteristics an event is broken down by, after reference-data lookups. */
public record EventProfile(Integer imdDecile, String ethnicity, String sex, Integer age, List<String> plusGroups)
        implements Serializable {}
