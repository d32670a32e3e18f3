package tower.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.spark.sql.Row;

/**
 * Field-by-field comparison of a core result record with the row Spark wrote: every component, under the
 * snake_case name the CLI's JSON gives it (Jackson's own rule), doubles to 1e-12 relative, NaN equal to NaN.
 */
final class Expect {
    static final double REL = 1e-12;
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();

    private Expect() {
    }

    static void same(Record expected, Row actual, String where) {
        for (RecordComponent c : expected.getClass().getRecordComponents()) {
            String name = SNAKE.translate(c.getName());
            int idx;
            try {
                idx = actual.fieldIndex(name);
            } catch (IllegalArgumentException e) {
                fail(where + ": no column " + name + " in " + actual.schema().simpleString());
                return;
            }
            Object value;
            try {
                c.getAccessor().setAccessible(true);
                value = c.getAccessor().invoke(expected);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            value(value, c.getGenericType(), actual.isNullAt(idx) ? null : actual.get(idx), where + "." + name);
        }
    }

    @SuppressWarnings("unchecked")
    static void value(Object e, Type type, Object a, String where) {
        if (e instanceof OptionalLong o) {
            if (o.isEmpty()) {
                assertThat(a).as(where).isNull();
            } else {
                assertThat(a).as(where).isNotNull();
                assertThat(((Number) a).longValue()).as(where).isEqualTo(o.getAsLong());
            }
        } else if (e instanceof Optional<?> o) {
            if (o.isEmpty()) {
                assertThat(a).as(where).isNull();
            } else {
                value(o.get(), ((ParameterizedType) type).getActualTypeArguments()[0], a, where);
            }
        } else if (e instanceof Double d) {
            assertThat(a).as(where).isNotNull();
            close(d, ((Number) a).doubleValue(), where);
        } else if (e instanceof Long || e instanceof Integer) {
            assertThat(((Number) a).longValue()).as(where).isEqualTo(((Number) e).longValue());
        } else if (e instanceof String || e instanceof Boolean) {
            assertThat(a).as(where).isEqualTo(e);
        } else if (e instanceof Enum<?> en) {
            assertThat(a).as(where).isEqualTo(en.toString());
        } else if (e instanceof Record r) {
            same(r, (Row) a, where);
        } else if (e instanceof List<?> l) {
            List<Object> al = scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<Object>) a);
            assertThat(al).as(where + " size").hasSize(l.size());
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            for (int i = 0; i < l.size(); i++) {
                value(l.get(i), element, al.get(i), where + "[" + i + "]");
            }
        } else if (e instanceof Map<?, ?> m) {
            Map<Object, Object> am = scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Map<Object, Object>) a);
            assertThat(am.keySet()).as(where + " keys").isEqualTo(m.keySet());
            Type v = ((ParameterizedType) type).getActualTypeArguments()[1];
            for (var x : m.entrySet()) {
                value(x.getValue(), v, am.get(x.getKey()), where + "[" + x.getKey() + "]");
            }
        } else if (e == null) {
            assertThat(a).as(where).isNull();
        } else {
            fail(where + ": cannot compare " + e.getClass());
        }
    }

    static void close(double e, double a, String where) {
        if (Double.isNaN(e) || Double.isNaN(a)) {
            assertThat(Double.isNaN(a)).as(where + ": expected " + e + ", got " + a).isEqualTo(Double.isNaN(e));
            return;
        }
        if (e == a) {
            return;
        }
        double scale = Math.max(Math.abs(e), Math.abs(a));
        assertThat(Math.abs(e - a)).as(where + ": expected " + e + ", got " + a).isLessThanOrEqualTo(REL * scale);
    }
}
