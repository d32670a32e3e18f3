package tower.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The tower version, from the build (recorded in exports as provenance). */
public final class Version {
    private static final String VERSION = load();

    private Version() {
    }

    public static String tower() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
