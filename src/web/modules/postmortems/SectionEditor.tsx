import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { Markdown } from "./Markdown.tsx";
import { updatePostmortem } from "./queries.ts";

/** One template section: rendered Markdown, or a textarea with a preview while someone edits it. */
export function SectionEditor(props: {
  postmortemId: string;
  sectionKey: string;
  title: string;
  text: string;
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  const [preview, setPreview] = useState(false);
  const id = useId();
  const save = useMutation({
    mutationFn: (text: string) =>
      updatePostmortem(props.postmortemId, { sections: { [props.sectionKey]: text } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(["postmortems", props.postmortemId], updated);
      setDraft(null);
      setPreview(false);
    },
  });
  const editing = draft !== null;
  return (
    <section className="panel pm-section" aria-label={props.title} data-section={props.sectionKey}>
      <div className="pm-section-head">
        <h2 id={`${id}-h`}>{props.title}</h2>
        {props.canEdit && !editing ? (
          <button
            type="button"
            className="button button-small"
            onClick={() => setDraft(props.text)}
            aria-label={`Edit ${props.title}`}
          >
            Edit
          </button>
        ) : null}
      </div>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(draft);
          }}
        >
          <div className="pm-write-tabs" role="tablist" aria-label={`${props.title} editor`}>
            <button type="button" role="tab" aria-selected={!preview} onClick={() => setPreview(false)}>
              Write
            </button>
            <button type="button" role="tab" aria-selected={preview} onClick={() => setPreview(true)}>
              Preview
            </button>
          </div>
          {preview ? (
            <div className="pm-preview">
              <Markdown text={draft} />
            </div>
          ) : (
            <textarea
              className="pm-textarea"
              aria-labelledby={`${id}-h`}
              value={draft}
              rows={Math.min(24, Math.max(6, draft.split("\n").length + 2))}
              onChange={(e) => setDraft(e.target.value)}
            />
          )}
          <p className="field-hint">
            Markdown: **bold**, _italic_, lists, `code`, [links](https://…). HTML is shown as text.
          </p>
          <ProblemMessage error={save.error} />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              Save {props.title.toLowerCase()}
            </button>
            <button type="button" className="button button-ghost" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <Markdown text={props.text} />
      )}
    </section>
  );
}
