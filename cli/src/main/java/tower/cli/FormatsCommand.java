package tower.cli;

import tower.pipeline.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tower.formats.FormatInfo;
import tower.formats.Formats;
import tower.formats.Reader;

@Command(name = "formats", mixinStandardHelpOptions = true,
        description = "List the supported instrument formats: id, vendor, file kinds, how each is detected.")
final class FormatsCommand implements Runnable {
    @CommandLine.Option(names = "--json", description = "Print JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        var out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Reader r : Formats.all()) {
                FormatInfo i = r.info();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", i.id());
                m.put("vendor", i.vendor());
                m.put("file_kinds", i.fileKinds());
                m.put("detection", i.detection());
                m.put("reader_version", i.version());
                list.add(m);
            }
            Json.print(out, Map.of("formats", list));
            return;
        }
        out.printf("%-20s %-22s %-40s %s%n", "ID", "VENDOR", "FILE KINDS", "DETECTED BY");
        for (Reader r : Formats.all()) {
            FormatInfo i = r.info();
            out.printf("%-20s %-22s %-40s %s%n", i.id(), i.vendor(), String.join("; ", i.fileKinds()), i.detection());
        }
        out.flush();
    }
}
