export { Button, LinkButton, buttonClass } from "./button";
export { Input, Select, Textarea, FormField } from "./fields";
export { PageHeader, Card, Badge, Notice, EmptyState, Stat, type Tone } from "./layout";
export { Combobox, MultiCombobox } from "./combobox";
export { ConfirmDialog } from "./confirm-dialog";
export { Tabs } from "./tabs";
export { useFormAction } from "./use-form-action";
