package tower.server.audit;

import java.util.Locale;

/** What a caller did to a test. */
public enum AuditAction {
    UPLOAD, READ, DOWNLOAD, EXPORT, SHARE, UNSHARE, CHANGE, DELETE, PROJECT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuditAction parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
