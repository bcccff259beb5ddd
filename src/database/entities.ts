import { AppState } from '../housekeeping/app-state.entity';
import { ScheduledJob } from '../jobs/scheduled-job.entity';

/** Every entity of the app, for the data source and the schema check. */
export const ENTITIES = [AppState, ScheduledJob];
