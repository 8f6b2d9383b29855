package org.core20monitor.core.metric;

import java.io.Serializable;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.reference.Deprivation;
import org.core20monitor.core.reference.ImdLookup;

/** Adds reference data to an event: the IMD decile of its LSOA (or its supplied decile). */
public final class Enrichment implements Serializable {

    private final ImdLookup imd;

    public Enrichment(ImdLookup imd) {
        this.imd = imd;
    }

    /** An LSOA was given but the configured IMD edition does not know it. */
    public boolean lsoaUnmapped(OutpatientEvent e) {
        return e.lsoa() != null && imd.decile(e.lsoa()) == null;
    }

    public EventProfile profile(OutpatientEvent e) {
        return new EventProfile(Deprivation.resolveDecile(imd, e.lsoa(), e.imdDecile()), e.ethnicity(), e.sex(), e.age(),
                e.plusGroups());
    }
}
