package tower.server.api;

import io.javalin.http.Context;
import tower.server.auth.Caller;

/** A route's code: the request and its caller (absent for public routes that need none). */
@FunctionalInterface
public interface ApiHandler {
    void handle(Context ctx, java.util.Optional<Caller> caller) throws Exception;
}
