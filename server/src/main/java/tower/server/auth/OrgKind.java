package tower.server.auth;

import java.util.Locale;
import tower.pipeline.errors.TowerException;

/** What an organisation is in the value chain (issue 11's list). */
public enum OrgKind {
    MATERIAL, CELL, PACK, APPLICATION, RECYCLER, TEST_CENTER, PUBLIC;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrgKind parse(String text) {
        for (OrgKind k : values()) {
            if (k.label().equals(text)) {
                return k;
            }
        }
        throw TowerException.badParameter("unknown organisation kind '" + text
                + "' (material, cell, pack, application, recycler, test_center or public)");
    }
}
