package tower.server.auth;

import java.util.Locale;
import tower.pipeline.errors.TowerException;

/** A user's role in its organisation. */
public enum Role {
    /** Manages users and tokens, uploads, reads. */
    ADMIN,
    /** Uploads and reads. */
    MEMBER,
    /** Reads only. */
    VIEWER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean mayUpload() {
        return this != VIEWER;
    }

    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.label().equals(text)) {
                return r;
            }
        }
        throw TowerException.badParameter("unknown role '" + text + "' (admin, member or viewer)");
    }
}
