package nl.wur.cip.helpdesk.knowledge;

import java.util.ArrayList;
import java.util.List;

/** A Markdown file split into its YAML front matter and its {@code ## } sections. */
record MarkdownFile(String frontMatter, int frontMatterLine, List<Section> sections) {

    /** Text under one heading; {@code heading} is empty for text before the first heading. */
    record Section(String heading, int line, String text) {}

    static MarkdownFile parse(String path, String content) throws KnowledgeFormatException {
        List<String> lines =
                content.replace("\r\n", "\n").replace('\r', '\n').lines().toList();
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first >= lines.size() || !lines.get(first).strip().equals("---")) {
            throw new KnowledgeFormatException(path, first + 1, "the file must start with a '---' front matter block");
        }
        int close = -1;
        for (int i = first + 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("---")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            throw new KnowledgeFormatException(path, first + 1, "the front matter block is not closed with '---'");
        }
        String frontMatter = String.join("\n", lines.subList(first + 1, close));
        List<Section> sections = new ArrayList<>();
        String heading = "";
        int headingLine = close + 2;
        StringBuilder text = new StringBuilder();
        for (int i = close + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                addSection(sections, heading, headingLine, text);
                heading = line.substring(3).strip();
                headingLine = i + 1;
                text.setLength(0);
            } else if (line.startsWith("# ")) {
                continue; // a document title line duplicates the front matter title
            } else {
                text.append(line).append('\n');
            }
        }
        addSection(sections, heading, headingLine, text);
        return new MarkdownFile(frontMatter, first + 2, sections);
    }

    private static void addSection(List<Section> sections, String heading, int line, StringBuilder text) {
        String body = text.toString().strip();
        if (!body.isEmpty()) {
            sections.add(new Section(heading, line, body));
        }
    }
}
