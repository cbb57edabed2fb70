import { buttonClass } from "@/components/ui";

/** Downloads of the report for the filters in view: plain links, so the browser saves the file. */
export function ExportButtons({ params }: { params: URLSearchParams }) {
  const href = (format: string) => {
    const p = new URLSearchParams(params);
    p.set("format", format);
    return `/portfolio/export?${p.toString()}`;
  };
  return (
    <>
      <a href={href("pdf")} download className={buttonClass("secondary")} data-testid="export-pdf">
        Export PDF
      </a>
      <a href={href("png")} download className={buttonClass("secondary")} data-testid="export-png">
        Export PNG
      </a>
    </>
  );
}
