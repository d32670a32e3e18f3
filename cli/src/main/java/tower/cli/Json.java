package tower.cli;

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
        return new ObjectMapper().registerModule(nan).enable(SerializationFeature.INDENT_OUTPUT);
    }

    public static void print(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(value));
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
