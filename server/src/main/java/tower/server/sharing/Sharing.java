package tower.server.sharing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Ownership, visibility, embargoes, projects and grants: the sharing part of the catalogue. Reads are answered
 * from memory (every request asks); changes are written through at once.
 */
public interface Sharing {
    /** Records a new test as private to its owner; a test that has an owner keeps it. */
    void register(String testId, String owner);

    Optional<TestAccess> access(String testId);

    /** How {@code org} sees a test now, or empty when hidden (or unknown: the same answer). */
    Optional<Access> accessFor(String testId, String org, Instant now);

    /** The tests an organisation owns. */
    Set<String> owned(String org);

    /** Every test with an owner. */
    List<TestAccess> all();

    TestAccess setVisibility(String testId, Visibility visibility);

    TestAccess setEmbargo(String testId, Optional<Instant> embargoUntil);

    TestAccess setProjects(String testId, Set<String> projects);

    /** Grants (or renews) read access; replaces an earlier grant to the same organisation. */
    TestAccess grant(Grant grant);

    /** Revokes a grant; true when there was one. */
    boolean revoke(String testId, String org);

    /** Forgets a deleted test's access (its audit events stay). */
    void forget(String testId);

    Project createProject(String name, String lead, List<String> members);

    Project addMember(String project, String org);

    /** Removes a member organisation; true when it was one. */
    boolean removeMember(String project, String org);

    Optional<Project> project(String name);

    /** The projects an organisation leads or belongs to. */
    List<Project> projectsOf(String org);
}
