package tower.formats.neware;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import tower.core.ingest.InputException;
import tower.core.ingest.Limits;
import tower.core.series.TestMetadata;

/**
 * The XML parts of an {@code .ndax} that matter here: versions (VersionInfo.xml) and test information with the
 * auxiliary channel list (TestInfo.xml). Unreadable XML costs metadata only, with a warning.
 */
final class NdaxXml {
    /** One auxiliary channel of TestInfo.xml. */
    record AuxInfo(long auxId, long realChannel, int channelType) {
    }

    private final List<AuxInfo> aux;

    private NdaxXml(List<AuxInfo> aux) {
        this.aux = List.copyOf(aux);
    }

    List<AuxInfo> aux() {
        return aux;
    }

    static NdaxXml read(String file, ZipFile zip, Limits limits, TestMetadata md) throws IOException {
        List<AuxInfo> aux = new ArrayList<>();
        Element version = config(file, zip, "VersionInfo.xml", limits, md);
        if (version != null) {
            Element z = child(version, "ZwjVersion");
            if (z != null) {
                md.putVendor("server_version", z.getAttribute("SvrVer"));
                md.putVendor("client_version", z.getAttribute("CurrClientVer"));
                md.putVendor("control_unit_version", z.getAttribute("ZwjVersion"));
            }
        }
        Element test = config(file, zip, "TestInfo.xml", limits, md);
        Element info = test == null ? null : child(test, "TestInfo");
        if (info != null) {
            md.putVendor("barcode", info.getAttribute("Barcode"));
            md.putVendor("schedule", info.getAttribute("StepName"));
            md.putVendor("remark", info.getAttribute("Remark"));
            md.putVendor("start_time_local", info.getAttribute("StartTime"));
            md.putVendor("device", info.getAttribute("DevID"));
            md.putVendor("unit", info.getAttribute("UnitID"));
            md.putVendor("channel", info.getAttribute("ChlID"));
            NodeList kids = info.getChildNodes();
            for (int i = 0; i < kids.getLength(); i++) {
                if (kids.item(i) instanceof Element e && e.getTagName().matches("Aux\\d+")) {
                    try {
                        aux.add(new AuxInfo(Long.parseLong(e.getAttribute("AuxID").trim()),
                                Long.parseLong(e.getAttribute("RealChlID").trim()),
                                Integer.parseInt(e.getAttribute("ChlType").trim())));
                    } catch (NumberFormatException ex) {
                        md.warn("TestInfo.xml: auxiliary channel " + e.getTagName() + " has unreadable ids: ignored");
                    }
                }
            }
        }
        return new NdaxXml(aux);
    }

    private static Element child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    /** The {@code root/config} element of an XML entry, or null (with a warning) when absent or unreadable. */
    private static Element config(String file, ZipFile zip, String name, Limits limits, TestMetadata md) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            return null;
        }
        byte[] bytes;
        try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), new CRC32())) {
            bytes = in.readNBytes(limits.maxRecordBytes());
            if (in.read() >= 0) {
                md.warn(name + " is larger than the record size limit: not read");
                return null;
            }
            if (e.getCrc() != -1 && in.getChecksum().getValue() != e.getCrc()) {
                throw new InputException(file, name, "zip entry CRC mismatch (corrupt file)");
            }
        }
        try {
            Document doc = builder().parse(new ByteArrayInputStream(bytes));
            Element root = doc.getDocumentElement();
            Element config = root == null ? null : child(root, "config");
            if (config == null) {
                md.warn(name + " has no config element: not used");
            }
            return config;
        } catch (SAXException | ParserConfigurationException | RuntimeException ex) {
            // a DOCTYPE (entity bomb, external entity) is refused by the parser and lands here too
            md.warn(name + " is not readable XML" + (String.valueOf(ex.getMessage()).contains("DOCTYPE")
                    ? " (it declares a DOCTYPE, which is not allowed)" : "") + ": not used");
            return null;
        }
    }

    private static DocumentBuilder builder() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException exception) {
                // not an error
            }

            @Override
            public void error(SAXParseException exception) throws SAXException {
                throw exception;
            }

            @Override
            public void fatalError(SAXParseException exception) throws SAXException {
                throw exception;
            }
        });
        return b;
    }
}
