export { a11y, pressable } from './a11y';
export { Badge, type BadgeTone } from './Badge';
export { Button, ButtonPair, type ButtonKind } from './Button';
export { Chip, ChipGroup, groupA11y } from './Chip';
export { Dialog } from './Dialog';
export { Field, type ControlProps } from './Field';
export { Empty, ErrorState, Loading } from './States';
