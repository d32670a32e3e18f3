package tower.server.sharing;

import java.util.Locale;

/** How a caller's organisation sees a test it may read. */
public enum Access {
    OWNER, PROJECT, SHARED, PUBLIC;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
