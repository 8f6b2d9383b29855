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

    /** A view, or any document served beside views (cells, overviews, registry entries), as JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
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
