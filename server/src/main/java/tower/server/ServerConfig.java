package tower.server;

/**
 * Settings of one server.
 *
 * @param host               interface to bind (127.0.0.1 unless the user opens it)
 * @param port               TCP port (0 = any free one, for tests)
 * @param maxUploadBytes     larger uploads are refused with 413
 * @param jobThresholdBytes  larger uploads are ingested as background jobs (202 + job id)
 * @param maxCachedCells     sample values (rows × columns) the caches may keep in memory
 * @param loginLimits        how many failed logins are allowed per address and per account, and in what window
 */
public record ServerConfig(String host, int port, long maxUploadBytes, long jobThresholdBytes, long maxCachedCells,
                           LoginLimits loginLimits) {
    public static final int DEFAULT_PORT = 7070;
    public static final long DEFAULT_MAX_UPLOAD_MB = 2048;
    public static final long DEFAULT_JOB_THRESHOLD = 20L << 20;

    /** Failed token checks allowed per network address and per token id within {@code window}. */
    public record LoginLimits(int perAddress, int perAccount, java.time.Duration window) {
        public static final LoginLimits DEFAULT = new LoginLimits(20, 10, java.time.Duration.ofMinutes(5));
    }

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535");
        }
        if (maxUploadBytes < 1 || jobThresholdBytes < 0 || maxCachedCells < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", DEFAULT_PORT, DEFAULT_MAX_UPLOAD_MB << 20, DEFAULT_JOB_THRESHOLD,
                tower.server.data.TestData.defaultMaxCells(), LoginLimits.DEFAULT);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, maxUploadBytes, jobThresholdBytes, maxCachedCells, loginLimits);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, maxUploadBytes, jobThresholdBytes, maxCachedCells, loginLimits);
    }

    public ServerConfig withMaxUploadBytes(long b) {
        return new ServerConfig(host, port, b, jobThresholdBytes, maxCachedCells, loginLimits);
    }

    public ServerConfig withJobThresholdBytes(long b) {
        return new ServerConfig(host, port, maxUploadBytes, b, maxCachedCells, loginLimits);
    }

    public ServerConfig withLoginLimits(LoginLimits l) {
        return new ServerConfig(host, port, maxUploadBytes, jobThresholdBytes, maxCachedCells, l);
    }
}
