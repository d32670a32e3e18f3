package tower.formats.biologic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The record layout of a data module: where each column sits in a record and which columns feed the canonical
 * series. Built from the column id list; refuses unknown ids since their size, and so every later offset, is unknown.
 *
 * @param recordSize bytes per record
 * @param flagsOffset offset of the shared flags byte in a record, or -1
 * @param flagMasks   mask of each flag id present (mode, ox/red, ...), by flag id
 * @param roles       offset and type of the first column of each role
 * @param columnNames EC-Lab names of the columns in file order, for the metadata
 * @param warnings    things worth telling the user (duplicate roles)
 */
record MprLayout(int recordSize, int flagsOffset, Map<Integer, Integer> flagMasks,
                 Map<MprColumns.Role, Slot> roles, List<String> columnNames, List<String> warnings) {

    /** Where a column sits in a record. */
    record Slot(int offset, MprColumns.Type type, int id) {
    }

    boolean has(MprColumns.Role role) {
        return roles.containsKey(role);
    }

    Slot slot(MprColumns.Role role) {
        return roles.get(role);
    }

    boolean hasFlag(int flagId) {
        return flagMasks.containsKey(flagId);
    }

    /**
     * @param ids            column ids in file order
     * @param lowByteDialect true for version 11 data modules
     * @param fail           builds the exception for an unusable id list (argument: reason)
     */
    static MprLayout of(int[] ids, boolean lowByteDialect, java.util.function.Function<String, RuntimeException> fail) {
        boolean hasEwe = false;
        for (int id : ids) {
            MprColumns.Def d = MprColumns.flag(id) == null ? MprColumns.column(id, lowByteDialect) : null;
            if (d != null && (d.role() == MprColumns.Role.EWE || d.role() == MprColumns.Role.EWE_AVG)) {
                hasEwe = true;
            }
        }
        int offset = 0;
        int flagsOffset = -1;
        Map<Integer, Integer> masks = new java.util.HashMap<>();
        Map<MprColumns.Role, Slot> roles = new EnumMap<>(MprColumns.Role.class);
        List<String> names = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            MprColumns.Flag flag = MprColumns.flag(id);
            if (flag != null) {
                if (masks.containsKey(id)) {
                    throw fail.apply("flag column id " + id + " (" + flag.name() + ") is listed twice");
                }
                if (flagsOffset < 0) {
                    flagsOffset = offset;
                    offset += 1;
                }
                masks.put(id, flag.mask());
                names.add(flag.name());
                continue;
            }
            MprColumns.Def def = MprColumns.column(id, lowByteDialect);
            if (def == null) {
                String prev = names.isEmpty() ? "the start" : "column '" + names.get(names.size() - 1) + "'";
                throw fail.apply((MprColumns.disputed(id, lowByteDialect) ? "column id " + id
                        + " has conflicting published meanings and sizes" : "unknown column id " + id)
                        + " (column " + (i + 1) + " of " + ids.length + ", after " + prev + ")");
            }
            MprColumns.Role role = def.role();
            if (role == MprColumns.Role.EWE_AVG_OR_PHASE) {
                // in the low-byte dialect id 174 is Phase(Zwe-ce) (old id 430) whenever Ewe or <Ewe> is recorded too
                role = lowByteDialect && hasEwe ? MprColumns.Role.NONE : MprColumns.Role.EWE_AVG;
            }
            if (role != MprColumns.Role.NONE) {
                if (roles.containsKey(role)) {
                    warnings.add("column id " + id + " (" + def.name() + ") repeats a column already read; the first is used");
                } else {
                    roles.put(role, new Slot(offset, def.type(), id));
                }
            }
            names.add(def.unit().isEmpty() ? def.name() : def.name() + "/" + def.unit());
            offset += def.type().size;
        }
        return new MprLayout(offset, flagsOffset, Map.copyOf(masks), java.util.Collections.unmodifiableMap(roles),
                List.copyOf(names), List.copyOf(warnings));
    }
}
