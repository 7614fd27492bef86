// Runs EPUBCheck on several EPUBs in one JVM (a JVM start costs seconds):
//   java -cp epubcheck.jar BatchEpubcheck.java IN1.epub OUT1.json IN2.epub OUT2.json ...
// Each EPUB gets the same JSON report as `java -jar epubcheck.jar IN --json OUT`.
public class BatchEpubcheck {
    public static void main(String[] args) {
        int worst = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            int rc = new com.adobe.epubcheck.tool.EpubChecker().run(new String[] {args[i], "--json", args[i + 1], "--quiet"});
            worst = Math.max(worst, rc);
        }
        System.exit(worst);
    }
}
