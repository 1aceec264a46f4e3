import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/ids.js';
import { coloursOfTrims, trimsWithSeriesAndBrand } from '../catalog/index.js';
import { getPublicStore } from '../dealers/index.js';
import * as repo from './testdrives.repository.js';
import { generateUpcomingSlots } from './testdrives.service.js';

// Demo only (never in production): test-drive settings, weekly windows and cars at the demo stores.

const DEMO: { storeId: string; cars: { series: string; plate: string }[] }[] = [
  {
    storeId: 'sto_bj_byd_chaoyang',
    cars: [
      { series: '汉', plate: '京A·D1234' },
      { series: '海豹', plate: '京A·D5678' },
      { series: '宋PLUS', plate: '京A·F2468' },
    ],
  },
  {
    storeId: 'sto_bj_byd_fengtai',
    cars: [
      { series: '汉', plate: '京B·D3579' },
      { series: '宋PLUS', plate: '京B·F1357' },
    ],
  },
  {
    storeId: 'sto_sh_tesla_jinqiao',
    cars: [
      { series: 'Model 3', plate: '沪A·D8866' },
      { series: 'Model Y', plate: '沪A·D6688' },
    ],
  },
  {
    storeId: 'sto_sh_tesla_lujiazui',
    cars: [
      { series: 'Model 3', plate: '沪B·D2026' },
      { series: 'Model Y', plate: '沪B·D2027' },
    ],
  },
];

const SEEDED_AT = new Date('2026-11-01T00:00:00Z');
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export async function seedDemoTestdrives(ctx: Pick<AppContext, 'config' | 'database' | 'clock'>) {
  if (ctx.config.env === 'production') return;
  const db = ctx.database.db;
  const trims = (await trimsWithSeriesAndBrand(db, 'all')).filter((t) => t.trim.status === 'on_sale');
  for (const demo of DEMO) {
    if (await repo.findSettings(db, demo.storeId)) continue; // re-runnable: staff changes are kept
    const store = await getPublicStore(db, demo.storeId).catch(() => null);
    if (!store) continue;
    await repo.upsertSettings(db, {
      storeId: store.id,
      dealerId: store.dealer.id,
      slotMinutes: 60,
      capacity: 2,
      horizonDays: 14,
      cutoffMinutes: 120,
      noShowAfterMinutes: 30,
      updatedAt: SEEDED_AT,
    });
    // The windows are the opening hours, trimmed to start no earlier than 09:00.
    await repo.replaceTemplates(
      db,
      store.id,
      WEEKDAYS.flatMap((key, i) =>
        store.openingHours[key].map(([open, close]) => ({
          id: newId('tdt'),
          storeId: store.id,
          weekday: i + 1,
          startTime: open < '09:00' ? '09:00' : open,
          endTime: close,
        })),
      ),
    );
    for (const car of demo.cars) {
      const trim = trims
        .filter((t) => t.series.name === car.series)
        .sort((a, b) => b.trim.modelYear - a.trim.modelYear || a.trim.id.localeCompare(b.trim.id))[0];
      if (!trim || (await repo.findVehicleByPlate(db, car.plate))) continue;
      const colour =
        (await coloursOfTrims(db, [trim.trim.id])).find((c) => c.kind === 'exterior')?.name ?? '白色';
      await repo.insertVehicle(db, {
        id: newId('tdv'),
        dealerId: store.dealer.id,
        storeId: store.id,
        brandId: trim.brand.id,
        seriesId: trim.series.id,
        trimId: trim.trim.id,
        title: `${trim.brand.name} ${trim.series.name} ${trim.trim.modelYear}款 ${trim.trim.name}`,
        colour,
        plate: car.plate,
        vin: null,
        status: 'active',
        createdAt: SEEDED_AT,
        updatedAt: SEEDED_AT,
      });
    }
  }
  await generateUpcomingSlots(db, ctx.clock.now());
}
