package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code sluice-bom} lists every published module (a module whose POM does not skip the deploy) at
 * the build's version, and nothing else. The BOM has no parent (see its POM), so this keeps the two
 * from drifting apart.
 */
class BomTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    private static Document read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static String child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c.getTextContent().trim();
            }
        }
        return null;
    }

    @Test
    void theBomListsEveryPublishedModuleAtTheBuildsVersion() throws Exception {
        Element parent = read(ROOT.resolve("pom.xml")).getDocumentElement();
        Element bom = read(ROOT.resolve("bom/pom.xml")).getDocumentElement();
        assertThat(child(bom, "version")).isEqualTo(child(parent, "version"));
        assertThat(child(bom, "artifactId")).isEqualTo("sluice-bom");

        List<String> published = new ArrayList<>();
        NodeList modules = parent.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().trim();
            if (module.equals("bom")) {
                continue;
            }
            Element pom = read(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement();
            if (pom.getElementsByTagName("maven.deploy.skip").getLength() == 0) {
                published.add(child(pom, "artifactId"));
            }
        }
        List<String> listed = new ArrayList<>();
        NodeList deps = bom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertThat(child(d, "groupId")).isEqualTo("dev.sluice");
            assertThat(child(d, "version")).isEqualTo("${project.version}");
            listed.add(child(d, "artifactId"));
        }
        assertThat(published)
                .containsExactlyInAnyOrder("channel-core", "reactor-bridge", "rxjava-bridge", "kafka-bridge");
        assertThat(listed).containsExactlyInAnyOrderElementsOf(published);
    }
}
