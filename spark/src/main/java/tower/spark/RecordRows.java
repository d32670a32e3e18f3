package tower.spark;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spark schemas and rows for the core's result records, by reflection over their components, so the tables
 * carry every field the CLI's JSON has, under the same snake_case names, and follow the core when it gains one.
 * Empty optionals are null; lists are arrays, string-keyed maps are maps, nested records are structs (the row
 * values are Scala collections, as Spark's row encoder wants).
 */
public final class RecordRows {
    private static final Map<Class<?>, Plan> PLANS = new ConcurrentHashMap<>();

    private RecordRows() {
    }

    /** The struct of a record class. */
    public static StructType schema(Class<? extends Record> type) {
        return plan(type).schema;
    }

    /** The row of a record, in the order of {@link #schema}. */
    public static Row row(Record value) {
        return (Row) convert(value, value.getClass());
    }

    /** Jackson's SNAKE_CASE rule (as the CLI's JSON): an underscore before an upper-case letter not following one. */
    public static String snake(String name) {
        StringBuilder b = new StringBuilder(name.length() + 8);
        boolean prevUpper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (!prevUpper && b.length() > 0 && b.charAt(b.length() - 1) != '_') {
                    b.append('_');
                }
                b.append(Character.toLowerCase(c));
                prevUpper = true;
            } else {
                b.append(c);
                prevUpper = false;
            }
        }
        return b.toString();
    }

    private record Plan(StructType schema, Method[] accessors, Type[] types) {
    }

    private static Plan plan(Class<?> t) {
        Plan known = PLANS.get(t);
        if (known != null) {
            return known;
        }
        // built outside the map: a record's plan needs its nested records' plans first
        RecordComponent[] comps = t.getRecordComponents();
        if (comps == null) {
            throw new IllegalArgumentException(t + " is not a record");
        }
        StructField[] fields = new StructField[comps.length];
        Method[] acc = new Method[comps.length];
        Type[] types = new Type[comps.length];
        for (int i = 0; i < comps.length; i++) {
            types[i] = comps[i].getGenericType();
            fields[i] = DataTypes.createStructField(snake(comps[i].getName()), dataType(types[i]), true);
            acc[i] = comps[i].getAccessor();
            acc[i].setAccessible(true);
        }
        Plan p = new Plan(DataTypes.createStructType(fields), acc, types);
        Plan raced = PLANS.putIfAbsent(t, p);
        return raced != null ? raced : p;
    }

    static DataType dataType(Type t) {
        if (t instanceof Class<?> c) {
            if (c == double.class || c == Double.class || c == OptionalDouble.class) {
                return DataTypes.DoubleType;
            }
            if (c == long.class || c == Long.class || c == OptionalLong.class) {
                return DataTypes.LongType;
            }
            if (c == int.class || c == Integer.class || c == OptionalInt.class) {
                return DataTypes.IntegerType;
            }
            if (c == boolean.class || c == Boolean.class) {
                return DataTypes.BooleanType;
            }
            if (c == String.class || c.isEnum()) {
                return DataTypes.StringType;
            }
            if (c.isRecord()) {
                return plan(c).schema;
            }
        } else if (t instanceof ParameterizedType p) {
            Type raw = p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class) {
                return DataTypes.createArrayType(dataType(args[0]), true);
            }
            if (raw == Map.class && args[0] == String.class) {
                return DataTypes.createMapType(DataTypes.StringType, dataType(args[1]), true);
            }
            if (raw == Optional.class) {
                return dataType(args[0]);
            }
        }
        throw new IllegalArgumentException("no Spark type for " + t.getTypeName());
    }

    private static Object convert(Object v, Type t) {
        if (v == null) {
            return null;
        }
        if (v instanceof OptionalLong o) {
            return o.isPresent() ? o.getAsLong() : null;
        }
        if (v instanceof OptionalDouble o) {
            return o.isPresent() ? o.getAsDouble() : null;
        }
        if (v instanceof OptionalInt o) {
            return o.isPresent() ? o.getAsInt() : null;
        }
        if (v instanceof Optional<?> o) {
            return o.isPresent() ? convert(o.get(), ((ParameterizedType) t).getActualTypeArguments()[0]) : null;
        }
        if (v instanceof Enum<?> e) {
            return e.toString();
        }
        if (v instanceof Record r) {
            Plan p = plan(r.getClass());
            Object[] values = new Object[p.accessors.length];
            for (int i = 0; i < values.length; i++) {
                try {
                    values[i] = convert(p.accessors[i].invoke(r), p.types[i]);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return RowFactory.create(values);
        }
        if (v instanceof List<?> l) {
            Type element = ((ParameterizedType) t).getActualTypeArguments()[0];
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(convert(x, element));
            }
            // Spark's row encoder takes Scala collections
            return scala.jdk.javaapi.CollectionConverters.asScala(out).toSeq();
        }
        if (v instanceof Map<?, ?> m) {
            Type value = ((ParameterizedType) t).getActualTypeArguments()[1];
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(e.getKey(), convert(e.getValue(), value));
            }
            return scala.jdk.javaapi.CollectionConverters.asScala(out);
        }
        return v;
    }
}
