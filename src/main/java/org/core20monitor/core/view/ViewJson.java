package org.core20monitor.core.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/** The one JSON form of a view, used for Redis, the API, pushes and exports. */
public final class ViewJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ViewJson() {}

    public static String write(View view) {
        try {
            return MAPPER.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise view", e);
        }
    }

    public static View read(String json) {
        try {
            return MAPPER.readValue(json, View.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a view: " + e.getOriginalMessage(), e);
        }
    }

    /** The mapper with the view conventions (snake_case), for other documents served beside views. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
