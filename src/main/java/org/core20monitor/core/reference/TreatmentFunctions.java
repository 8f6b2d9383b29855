package org.core20monitor.core.reference;

import java.util.Map;

/**
 * Names of the NHS Data Dictionary treatment function codes a reader meets most, so a specialty can
 * be shown as "330 Dermatology"; a code without a name here is shown by its code alone.
 */
public final class TreatmentFunctions {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("100", "General Surgery"), Map.entry("101", "Urology"),
            Map.entry("110", "Trauma and Orthopaedics"), Map.entry("120", "Ear Nose and Throat"),
            Map.entry("130", "Ophthalmology"), Map.entry("140", "Oral Surgery"),
            Map.entry("141", "Restorative Dentistry"), Map.entry("143", "Orthodontics"),
            Map.entry("258", "Paediatric Respiratory Medicine"), Map.entry("263", "Paediatric Diabetes"),
            Map.entry("300", "General Internal Medicine"), Map.entry("301", "Gastroenterology"),
            Map.entry("302", "Endocrinology"), Map.entry("303", "Clinical Haematology"),
            Map.entry("320", "Cardiology"), Map.entry("330", "Dermatology"),
            Map.entry("340", "Respiratory Medicine"), Map.entry("341", "Respiratory Physiology"),
            Map.entry("361", "Nephrology"), Map.entry("370", "Medical Oncology"),
            Map.entry("400", "Neurology"), Map.entry("410", "Rheumatology"), Map.entry("420", "Paediatrics"),
            Map.entry("421", "Paediatric Neurology"), Map.entry("430", "Elderly Medicine"),
            Map.entry("501", "Obstetrics"), Map.entry("502", "Gynaecology"),
            Map.entry("503", "Gynaecological Oncology"), Map.entry("560", "Midwifery"),
            Map.entry("710", "Adult Mental Illness"), Map.entry("711", "Child and Adolescent Psychiatry"),
            Map.entry("712", "Forensic Psychiatry"), Map.entry("713", "Medical Psychotherapy"),
            Map.entry("715", "Old Age Psychiatry"), Map.entry("800", "Clinical Oncology"));

    private TreatmentFunctions() {}

    /** "330 Dermatology", or the code alone when it has no name here. */
    public static String label(String code) {
        String name = NAMES.get(code);
        return name == null ? code : code + " " + name;
    }

    public static Map<String, String> names() {
        return NAMES;
    }
}
