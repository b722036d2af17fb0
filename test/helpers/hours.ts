import { BusinessHours } from '../../common/business-hours.js';

/** A Helsinki office, Monday to Friday 9–17, closed on Christmas Eve and Day 2026: for time tests. */
export const helsinkiOffice = new BusinessHours({
  timeZone: 'Europe/Helsinki',
  weekly: {
    mon: ['09:00-17:00'],
    tue: ['09:00-17:00'],
    wed: ['09:00-17:00'],
    thu: ['09:00-17:00'],
    fri: ['09:00-17:00'],
  },
  holidays: ['2026-12-24', '2026-12-25'],
});
