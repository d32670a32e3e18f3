package tower.pipeline.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.PrintWriter;

/** JSON output for scripts: NaN and infinities become null (a value that cannot be known is null, never a placeholder). */
public final class Json {
    private Json() {
    }

    public static final ObjectMapper MAPPER = create();

    private static ObjectMapper create() {
        SimpleModule nan = new SimpleModule();
        JsonSerializer<Double> ser = new JsonSerializer<>() {
            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v == null || v.isNaN() || v.isInfinite()) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
        };
        nan.addSerializer(Double.class, ser);
        nan.addSerializer(double.class, ser);
        // Result records are camelCase in Java and snake_case in JSON (interface.md); absent values are null.
        return new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module()).registerModule(nan)
                .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                .addMixIn(tower.core.analysis.DqdvResult.class, DqdvNames.class)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Names the snake-case rule would spell differently from interface.md. */
    abstract static class DqdvNames {
        @com.fasterxml.jackson.annotation.JsonProperty("dvdq_v_per_ah")
        abstract java.util.List<Double> dvdqVPerAh();
    }

    /** The text {@code --json} prints and the REST API sends (indented, one trailing newline). */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Builds the mapper and its serializers for the shapes tower prints (maps, lists, numbers, strings, null), so
     * that a caller can pay for that set-up on another thread while it does its own work.
     */
    public static void warmUp() {
        java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("n", 1L);
        row.put("x", 0.5);
        row.put("nan", Double.NaN);
        row.put("s", "text");
        row.put("none", null);
        row.put("flags", java.util.List.of("a"));
        java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("rows", new java.util.ArrayList<>(java.util.List.of(row)));
        text(doc);
    }

    public static void print(PrintWriter out, Object value) {
        try {
            out.print(text(value));
            out.flush();
        } catch (RuntimeException e) {
            throw e;
        }
    }
}
