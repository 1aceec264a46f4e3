import type { AppContext } from '../../kernel/context.js';
import { onSaleTrimsWithSeriesAndBrand } from '../catalog/index.js';
import { searchCaches } from './search.caches.js';
import type { TRecommendationRequest, TRecommendationResponse } from './search.contract.js';
import { bodyLabel, energyLabel, type Lang, money } from './search.mappers.js';
import * as repo from './search.repository.js';

const NEV = new Set(['bev', 'phev', 'erev', 'fcev']);

/**
 * POST /recommendations: scores every on-sale trim against the questionnaire and returns the best 5 with
 * the reasons that earned their points. Deterministic: ties break on price, then trim id.
 */
export async function recommend(
  ctx: AppContext,
  req: TRecommendationRequest,
  lang: Lang = 'zh-CN',
): Promise<TRecommendationResponse> {
  const en = lang === 'en';
  const wan = (fen: number) => money(fen, lang);
  const db = ctx.database.db;
  const [candidates, offers, cities] = await Promise.all([
    onSaleTrimsWithSeriesAndBrand(db),
    repo.listedOffersByTrim(db, req.cityCode),
    searchCaches(ctx).cities(db),
  ]);
  const offerByTrim = new Map(offers.map((o) => [o.trimId, o]));
  const city = req.cityCode ? cities.find((c) => c.code === req.cityCode) : undefined;
  const cityName = req.cityCode ? ((en ? city?.nameEn : city?.name) ?? req.cityCode) : null;
  const maxFen = req.budgetMaxYuan * 100;
  const minFen = (req.budgetMinYuan ?? 0) * 100;
  const scored: (TRecommendationResponse['items'][number] & { tiePrice: number })[] = [];
  for (const { trim, series, brand } of candidates) {
    const offer = offerByTrim.get(trim.id);
    // With a city, only trims someone sells there; without, the lowest listed price or the guide price.
    if (req.cityCode && !offer) continue;
    const price = offer ? offer.minPriceFen : Number(trim.guidePriceFen);
    if (price > maxFen * 1.1) continue;
    if (req.seats !== undefined && trim.seats < req.seats) continue;
    const pref = req.energyPreference ?? 'any';
    const energyOk =
      pref === 'any' ||
      (pref === 'nev' && NEV.has(trim.energyType)) ||
      (pref === 'fuel' && !NEV.has(trim.energyType)) ||
      pref === trim.energyType;
    if (!energyOk) continue;
    let score = 0;
    const reasons: string[] = [];
    if (price <= maxFen && price >= minFen) {
      score += 40;
      reasons.push(
        en
          ? `Within budget (up to ${wan(maxFen)}, this car ${wan(price)})`
          : `在预算内(预算上限${wan(maxFen)}, 本车${wan(price)})`,
      );
    } else if (price > maxFen) {
      score += 10;
      reasons.push(
        en
          ? `Slightly over budget (up to ${wan(maxFen)}, this car ${wan(price)})`
          : `略超预算(预算上限${wan(maxFen)}, 本车${wan(price)})`,
      );
    } else {
      score += 20;
      reasons.push(
        en
          ? `Below your budget, saves money (this car ${wan(price)})`
          : `低于预算下限, 更省钱(本车${wan(price)})`,
      );
    }
    // Closer to the top of the budget usually means more car for the money.
    score += Math.max(0, 10 - Math.round((Math.abs(maxFen - price) / maxFen) * 20));
    if (pref !== 'any') {
      score += 15;
      reasons.push(
        en
          ? `Matches your energy preference: ${energyLabel(trim.energyType, lang)}`
          : `符合能源偏好: ${energyLabel(trim.energyType, lang)}`,
      );
    }
    if (req.seats !== undefined) {
      score += 10;
      reasons.push(
        en ? `${trim.seats} seats for ${req.seats} people` : `${trim.seats}座满足${req.seats}人乘坐`,
      );
    }
    const range = trim.electricRangeKm;
    switch (req.usage) {
      case 'commute':
        if (range !== null && range >= 50) {
          score += 20;
          reasons.push(en ? `${range} km electric range suits commuting` : `纯电续航${range}km 适合通勤`);
        }
        if (series.segment === 'A0' || series.segment === 'A' || series.segment === 'A00') {
          score += 10;
          reasons.push(
            en ? `${series.segment}-segment car, easy to park in town` : `${series.segment}级车 城市停车方便`,
          );
        }
        break;
      case 'family':
        if (trim.seats >= 6) {
          score += 25;
          reasons.push(en ? `${trim.seats} seats for family trips` : `${trim.seats}座满足家庭出行`);
        }
        if (series.bodyType === 'suv' || series.bodyType === 'mpv') {
          score += 15;
          reasons.push(
            en ? `Roomy ${bodyLabel(series.bodyType, lang)}` : `${bodyLabel(series.bodyType, lang)}空间宽敞`,
          );
        }
        break;
      case 'long_trips':
        if (trim.energyType === 'phev' || trim.energyType === 'erev' || trim.energyType === 'hev') {
          score += 20;
          reasons.push(
            en
              ? `${energyLabel(trim.energyType, lang)}: no range anxiety on long trips`
              : `${energyLabel(trim.energyType, lang)} 长途无续航焦虑`,
          );
        } else if (trim.energyType === 'bev' && range !== null && range >= 600) {
          score += 15;
          reasons.push(en ? `${range} km electric range for long trips` : `纯电续航${range}km 可跑长途`);
        } else if (!NEV.has(trim.energyType)) {
          score += 10;
          reasons.push(en ? 'Fuel car, easy to refuel' : '燃油车 加油方便');
        }
        break;
      case 'business':
        if (series.segment === 'B' || series.segment === 'C' || series.segment === 'D') {
          score += 20;
          reasons.push(
            en ? `${series.segment}-segment car, fit for business` : `${series.segment}级车 商务接待体面`,
          );
        }
        if (series.bodyType === 'sedan' || series.bodyType === 'mpv') {
          score += 10;
          reasons.push(
            en
              ? `${bodyLabel(series.bodyType, lang)} suits business use`
              : `${bodyLabel(series.bodyType, lang)}适合商务`,
          );
        }
        break;
      case 'off_road':
        if (series.bodyType === 'suv' || series.bodyType === 'pickup') {
          score += 25;
          reasons.push(
            en
              ? `${bodyLabel(series.bodyType, lang)} handles rough roads`
              : `${bodyLabel(series.bodyType, lang)}通过性好`,
          );
        }
        break;
    }
    if (offer && cityName) {
      score += 10;
      reasons.push(
        en ? `On sale at ${offer.stores} store(s) in ${cityName}` : `${cityName}有${offer.stores}家门店在售`,
      );
    } else if (offer) {
      score += 5;
      reasons.push(en ? `${offer.count} on sale` : `${offer.count}辆在售`);
    }
    scored.push({
      trimId: trim.id,
      trimName: trim.name,
      brandName: en ? brand.nameEn : brand.name,
      seriesName: en ? series.nameEn : series.name,
      seriesSlug: series.slug,
      modelYear: trim.modelYear,
      energyType: trim.energyType,
      bodyType: series.bodyType,
      seats: trim.seats,
      electricRangeKm: trim.electricRangeKm,
      guidePriceFen: Number(trim.guidePriceFen),
      fromPriceFen: price,
      listingId: offer?.listingId ?? null,
      imageUrl: offer?.imageUrl ?? null,
      score,
      reasons,
      tiePrice: price,
    });
  }
  scored.sort((a, b) => b.score - a.score || a.tiePrice - b.tiePrice || a.trimId.localeCompare(b.trimId));
  return { items: scored.slice(0, 5).map(({ tiePrice: _t, ...item }) => item) };
}
