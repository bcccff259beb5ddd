import { Foundation1764352800000 } from './1764352800000-foundation';

/** In order; append new migrations, never edit one that has landed. */
export const MIGRATIONS = [Foundation1764352800000];
