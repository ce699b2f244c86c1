import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { EmptyState, Panel } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { ActionItemForm, type ActionItemInput } from "./ActionItemForm.tsx";
import { ActionItemsTable } from "./ActionItemsTable.tsx";
import { createActionItem, deleteActionItem, updateActionItem } from "./queries.ts";
import type { PostmortemDetail } from "./types.ts";

/** The postmortem's action items: a table, each row editable in place, and a form to add one. */
export function ActionItemsEditor({
  postmortem,
  canEdit,
}: {
  postmortem: PostmortemDetail;
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ["postmortems", postmortem.id] });
    await queryClient.invalidateQueries({ queryKey: ["action-items"] });
  };
  const add = useMutation({
    mutationFn: (input: ActionItemInput) =>
      createActionItem(postmortem.id, { ...input, team: input.team ?? undefined }),
    onSuccess: async () => {
      setAdding(false);
      await refresh();
    },
  });
  const change = useMutation({
    mutationFn: ({ id, input }: { id: string; input: ActionItemInput }) => updateActionItem(id, { ...input }),
    onSuccess: async () => {
      setEditing(null);
      await refresh();
    },
  });
  const remove = useMutation({ mutationFn: deleteActionItem, onSuccess: refresh });
  const editingItem = postmortem.actionItems.find((i) => i.id === editing);
  return (
    <Panel title={`Action items (${postmortem.actionItems.length})`} className="pm-action-items">
      {postmortem.actionItems.length === 0 ? (
        <EmptyState>No action items yet. What will stop this from happening again?</EmptyState>
      ) : (
        <ActionItemsTable
          items={postmortem.actionItems}
          showIncident={false}
          onEdit={canEdit ? (id) => setEditing(id) : undefined}
          onDelete={canEdit && postmortem.status !== "published" ? (id) => remove.mutate(id) : undefined}
        />
      )}
      <ProblemMessage error={remove.error} />
      {editingItem ? (
        <div className="pm-item-editing">
          <h3>Change “{editingItem.title}”</h3>
          <ActionItemForm
            key={editingItem.id}
            item={editingItem}
            error={change.error}
            pending={change.isPending}
            submitLabel="Save action item"
            onSubmit={(input) => change.mutate({ id: editingItem.id, input })}
            onCancel={() => {
              setEditing(null);
              change.reset();
            }}
          />
          <ProblemMessage
            error={change.error}
            fields={["title", "owner", "team", "dueDate", "externalUrl"]}
          />
        </div>
      ) : null}
      {canEdit && !editingItem ? (
        adding ? (
          <div className="pm-item-editing">
            <h3>New action item</h3>
            <ActionItemForm
              error={add.error}
              pending={add.isPending}
              submitLabel="Add action item"
              onSubmit={(input) => add.mutate(input)}
              onCancel={() => {
                setAdding(false);
                add.reset();
              }}
            />
            <ProblemMessage error={add.error} fields={["title", "owner", "team", "dueDate", "externalUrl"]} />
          </div>
        ) : (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Add action item
          </button>
        )
      ) : null}
    </Panel>
  );
}
