package org.core20monitor.core.view;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.core20monitor.core.reference.ClinicalAreas;

/**
 * The scopes an event counts in (SPEC §6): England; its ICB, provider, specialty and clinical area
 * alone; and the ICB combined with each of provider, specialty and area, the filters a user of one
 * ICB applies.
 */
public final class ScopeRouting implements Serializable {

    private final ClinicalAreas areas;

    public ScopeRouting(ClinicalAreas areas) {
        this.areas = areas;
    }

    public List<Scope> scopes(String icb, String provider, String specialty, Integer age) {
        List<String> eventAreas = areas.areasOf(specialty, age);
        List<Scope> scopes = new ArrayList<>(6 + 2 * eventAreas.size());
        scopes.add(Scope.ENGLAND);
        scopes.add(new Scope(icb, null, null, null));
        scopes.add(new Scope(null, provider, null, null));
        scopes.add(new Scope(null, null, specialty, null));
        scopes.add(new Scope(icb, provider, null, null));
        scopes.add(new Scope(icb, null, specialty, null));
        for (String area : eventAreas) {
            scopes.add(new Scope(null, null, null, area));
            scopes.add(new Scope(icb, null, null, area));
        }
        return scopes;
    }

    public ClinicalAreas areas() {
        return areas;
    }
}
