package tower.server.sharing;

import java.util.Locale;
import tower.pipeline.errors.TowerException;

/**
 * The audience an owner chose for a test, a ladder: each level includes the ones below it. Grants and project
 * attachments stay recorded when the owner lowers the level, and count again when it is raised.
 */
public enum Visibility {
    /** The owner organisation only. */
    PRIVATE,
    /** And the member organisations of the projects the test is attached to. */
    PROJECT,
    /** And the partner organisations holding a live grant. */
    SHARED,
    /** Every organisation of the platform. */
    PUBLIC;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Visibility other) {
        return compareTo(other) >= 0;
    }

    public static Visibility parse(String text) {
        for (Visibility v : values()) {
            if (v.label().equals(text)) {
                return v;
            }
        }
        throw TowerException.badParameter("visibility must be private, project, shared or public, not '"
                + (text == null ? "" : text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
    }
}
