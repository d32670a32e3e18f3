package tower.server.api;

import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Objects;

/**
 * One route of the API: everything the server registers and the OpenAPI document describes.
 *
 * @param method   HTTP method
 * @param path     path with {@code {name}} parameters
 * @param summary  one line for the OpenAPI document
 * @param access   who may call it
 * @param query    query parameters
 * @param body     the request body it takes
 * @param success  the status of a successful answer
 * @param produces the media type of a successful answer
 * @param handler  the code
 */
public record Route(HandlerType method, String path, String summary, Access access, List<Param> query, Body body,
                    int success, String produces, ApiHandler handler) {
    public Route {
        Objects.requireNonNull(method);
        Objects.requireNonNull(path);
        query = List.copyOf(query);
    }

    /** Who may call a route. */
    public enum Access {
        /** Anyone (health, OpenAPI, login). */
        PUBLIC,
        /** A caller with a valid token or session. */
        CALLER
    }

    /** The request body of a route. */
    public enum Body { NONE, JSON, MULTIPART }

    /**
     * A query parameter.
     *
     * @param type OpenAPI type: string, integer, number or boolean
     */
    public record Param(String name, String type, boolean required, String description) {
    }

    /** The path parameters, in order. */
    public List<String> pathParams() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([a-z_]+)}").matcher(path);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
