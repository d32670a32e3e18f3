package tower.server.sharing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A joint R&amp;D project: a lead organisation and member organisations. Tests attached to it by their owners are
 * readable by every organisation in it (when the test's visibility is at least {@link Visibility#PROJECT}).
 *
 * @param members the member organisations other than the lead, sorted
 */
public record Project(String name, String lead, List<String> members, Instant createdAt) {
    public Project {
        Objects.requireNonNull(name);
        Objects.requireNonNull(lead);
        members = List.copyOf(members);
        Objects.requireNonNull(createdAt);
    }

    public boolean includes(String org) {
        return lead.equals(org) || members.contains(org);
    }
}
